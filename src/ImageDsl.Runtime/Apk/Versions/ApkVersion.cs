using System.Diagnostics.CodeAnalysis;

namespace ImageDsl.Apk.Versions;

/// <summary>The pre-release suffix of an apk version; declaration order is sort order.</summary>
public enum PreReleaseSuffix
{
    /// <summary>`_alpha`.</summary>
    Alpha = 1,

    /// <summary>`_beta`.</summary>
    Beta = 2,

    /// <summary>`_pre`.</summary>
    Pre = 3,

    /// <summary>`_rc`.</summary>
    Rc = 4,

    /// <summary>No pre-release suffix: sorts after every pre-release.</summary>
    None = 1000,
}

/// <summary>The post-release suffix of an apk version; declaration order is sort order.</summary>
public enum PostReleaseSuffix
{
    /// <summary>No post-release suffix: sorts before every post-release.</summary>
    None = 0,

    /// <summary>`_cvs`.</summary>
    Cvs = 1,

    /// <summary>`_svn`.</summary>
    Svn = 2,

    /// <summary>`_git`.</summary>
    Git = 3,

    /// <summary>`_hg`.</summary>
    Hg = 4,

    /// <summary>`_p`.</summary>
    P = 5,
}

/// <summary>
/// An apk package version parsed with apko's grammar (stricter than apk-tools'):
/// <c>numbers[.numbers]* [letter] [_alpha|_beta|_pre|_rc N] [_cvs|_svn|_git|_hg|_p N] [-rN]</c>.
/// Numeric components compare as integers, so <c>1.02</c> equals <c>1.2</c> (apk-tools differs).
/// </summary>
public sealed class ApkVersion : IComparable<ApkVersion>, IEquatable<ApkVersion>
{
    private readonly long[] _numbers;

    private ApkVersion(string text, long[] numbers, char letter, PreReleaseSuffix pre, long preNumber,
        PostReleaseSuffix post, long postNumber, long revision)
    {
        Text = text;
        _numbers = numbers;
        Letter = letter;
        PreRelease = pre;
        PreReleaseNumber = preNumber;
        PostRelease = post;
        PostReleaseNumber = postNumber;
        Revision = revision;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>The dot-separated numeric components.</summary>
    public IReadOnlyList<long> Numbers => _numbers;

    /// <summary>The single lowercase letter after the numbers, or '\0'.</summary>
    public char Letter { get; }

    /// <summary>The pre-release suffix (<see cref="PreReleaseSuffix.None"/> when absent).</summary>
    public PreReleaseSuffix PreRelease { get; }

    /// <summary>The number after the pre-release suffix (0 when absent).</summary>
    public long PreReleaseNumber { get; }

    /// <summary>The post-release suffix.</summary>
    public PostReleaseSuffix PostRelease { get; }

    /// <summary>The number after the post-release suffix (0 when absent).</summary>
    public long PostReleaseNumber { get; }

    /// <summary>The package revision N of <c>-rN</c> (0 when absent).</summary>
    public long Revision { get; }

    /// <summary>Parses <paramref name="text"/>; false when it does not follow the grammar.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ApkVersion? version) =>
        ApkVersionParser.TryParse(text, out version);

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static ApkVersion Parse(string text) =>
        TryParse(text, out ApkVersion? v) ? v : throw new FormatException($"'{text}' is not an apk version (e.g. 1.2.3-r0, 2.0_rc1, 1.7b)");

    internal static ApkVersion Create(string text, long[] numbers, char letter, PreReleaseSuffix pre, long preNumber,
        PostReleaseSuffix post, long postNumber, long revision) =>
        new(text, numbers, letter, pre, preNumber, post, postNumber, revision);

    /// <summary>apko's ordering, rule by rule (numbers, count, letter, pre, pre number, post, post number, revision).</summary>
    public static int Compare(ApkVersion a, ApkVersion b)
    {
        int shared = Math.Min(a._numbers.Length, b._numbers.Length);
        for (int i = 0; i < shared; i++)
        {
            int c = a._numbers[i].CompareTo(b._numbers[i]);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }
        int r = a._numbers.Length.CompareTo(b._numbers.Length);
        if (r == 0) r = a.Letter.CompareTo(b.Letter);
        if (r == 0) r = ((int)a.PreRelease).CompareTo((int)b.PreRelease);
        if (r == 0) r = a.PreReleaseNumber.CompareTo(b.PreReleaseNumber);
        if (r == 0) r = ((int)a.PostRelease).CompareTo((int)b.PostRelease);
        if (r == 0) r = a.PostReleaseNumber.CompareTo(b.PostReleaseNumber);
        if (r == 0) r = a.Revision.CompareTo(b.Revision);
        return Math.Sign(r);
    }

    /// <summary>
    /// apko's fuzzy match (<c>~</c>): <paramref name="required"/>'s numbers are a prefix of ours; when we
    /// have exactly as many numbers, every part the requirement states (letter, suffixes, revision) must match.
    /// </summary>
    public bool FuzzyMatches(ApkVersion required)
    {
        if (_numbers.Length < required._numbers.Length)
        {
            return false;
        }
        for (int i = 0; i < required._numbers.Length; i++)
        {
            if (_numbers[i] != required._numbers[i])
            {
                return false;
            }
        }
        if (_numbers.Length > required._numbers.Length)
        {
            return true;
        }
        return (required.Letter == '\0' || Letter == required.Letter)
            && (required.PreRelease == PreReleaseSuffix.None || PreRelease == required.PreRelease)
            && (required.PreReleaseNumber == 0 || PreReleaseNumber == required.PreReleaseNumber)
            && (required.PostRelease == PostReleaseSuffix.None || PostRelease == required.PostRelease)
            && (required.PostReleaseNumber == 0 || PostReleaseNumber == required.PostReleaseNumber)
            && (required.Revision == 0 || Revision == required.Revision);
    }

    /// <inheritdoc />
    public int CompareTo(ApkVersion? other) => other is null ? 1 : Compare(this, other);

    /// <summary>Equal when they compare equal (so <c>1.02</c> equals <c>1.2</c>).</summary>
    public bool Equals(ApkVersion? other) => other is not null && Compare(this, other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ApkVersion v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long n in _numbers)
        {
            hash.Add(n);
        }
        hash.Add(Letter);
        hash.Add(PreRelease);
        hash.Add(PreReleaseNumber);
        hash.Add(PostRelease);
        hash.Add(PostReleaseNumber);
        hash.Add(Revision);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    public static bool operator <(ApkVersion a, ApkVersion b) => Compare(a, b) < 0;
    public static bool operator >(ApkVersion a, ApkVersion b) => Compare(a, b) > 0;
    public static bool operator <=(ApkVersion a, ApkVersion b) => Compare(a, b) <= 0;
    public static bool operator >=(ApkVersion a, ApkVersion b) => Compare(a, b) >= 0;
}
