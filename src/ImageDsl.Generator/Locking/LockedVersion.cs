using System;
using System.Text.RegularExpressions;

namespace ImageDsl.Generator.Locking;

/// <summary>
/// An apk version, parsed with apko's grammar and ordered by apko's rules: the analyzers' own copy of the
/// runtime's <c>ApkVersion</c>, which they cannot reference. Numbers compare as integers of any length.
/// </summary>
internal sealed class LockedVersion
{
    // The same grammar as PackageConstraintSyntax's (apko's).
    private static readonly Regex Grammar = new Regex(
        @"^([0-9]+)((\.[0-9]+)*)([a-z]?)((_alpha|_beta|_pre|_rc)([0-9]*))?((_cvs|_svn|_git|_hg|_p)([0-9]*))?((-r)([0-9]+))?$",
        RegexOptions.CultureInvariant);

    private static readonly string[] PreReleases = { "_alpha", "_beta", "_pre", "_rc" };
    private static readonly string[] PostReleases = { "_cvs", "_svn", "_git", "_hg", "_p" };

    private readonly string[] _numbers;
    private readonly char _letter;
    private readonly int _pre;        // 1..4 for alpha..rc; 1000 for none (sorts after every pre-release)
    private readonly string _preNumber;
    private readonly int _post;       // 0 for none; 1..5 for cvs..p
    private readonly string _postNumber;
    private readonly string _revision;

    private LockedVersion(string text, string[] numbers, char letter, int pre, string preNumber, int post, string postNumber, string revision)
    {
        Text = text;
        _numbers = numbers;
        _letter = letter;
        _pre = pre;
        _preNumber = preNumber;
        _post = post;
        _postNumber = postNumber;
        _revision = revision;
    }

    public string Text { get; }

    public static LockedVersion? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        Match m = Grammar.Match(text);
        if (!m.Success)
        {
            return null;
        }
        string rest = m.Groups[2].Value;
        string[] numbers = rest.Length == 0
            ? new[] { m.Groups[1].Value }
            : (m.Groups[1].Value + rest).Split('.');
        return new LockedVersion(
            text,
            numbers,
            m.Groups[4].Value.Length == 1 ? m.Groups[4].Value[0] : '\0',
            m.Groups[6].Success ? Array.IndexOf(PreReleases, m.Groups[6].Value) + 1 : 1000,
            m.Groups[7].Value,
            m.Groups[9].Success ? Array.IndexOf(PostReleases, m.Groups[9].Value) + 1 : 0,
            m.Groups[10].Value,
            m.Groups[13].Value);
    }

    /// <summary>apko's ordering: numbers, their count, letter, pre-release and its number, post-release and its number, revision.</summary>
    public static int Compare(LockedVersion a, LockedVersion b)
    {
        int shared = Math.Min(a._numbers.Length, b._numbers.Length);
        for (int i = 0; i < shared; i++)
        {
            int c = CompareNumbers(a._numbers[i], b._numbers[i]);
            if (c != 0)
            {
                return c;
            }
        }
        int r = a._numbers.Length.CompareTo(b._numbers.Length);
        if (r == 0) r = a._letter.CompareTo(b._letter);
        if (r == 0) r = a._pre.CompareTo(b._pre);
        if (r == 0) r = CompareNumbers(a._preNumber, b._preNumber);
        if (r == 0) r = a._post.CompareTo(b._post);
        if (r == 0) r = CompareNumbers(a._postNumber, b._postNumber);
        if (r == 0) r = CompareNumbers(a._revision, b._revision);
        return Math.Sign(r);
    }

    /// <summary>
    /// apko's fuzzy match (<c>~</c>): <paramref name="required"/>'s numbers are a prefix of ours; with exactly as
    /// many numbers, every part the requirement states (letter, suffixes, revision) must match.
    /// </summary>
    public bool FuzzyMatches(LockedVersion required)
    {
        if (_numbers.Length < required._numbers.Length)
        {
            return false;
        }
        for (int i = 0; i < required._numbers.Length; i++)
        {
            if (CompareNumbers(_numbers[i], required._numbers[i]) != 0)
            {
                return false;
            }
        }
        if (_numbers.Length > required._numbers.Length)
        {
            return true;
        }
        return (required._letter == '\0' || _letter == required._letter)
            && (required._pre == 1000 || _pre == required._pre)
            && (IsZero(required._preNumber) || CompareNumbers(_preNumber, required._preNumber) == 0)
            && (required._post == 0 || _post == required._post)
            && (IsZero(required._postNumber) || CompareNumbers(_postNumber, required._postNumber) == 0)
            && (IsZero(required._revision) || CompareNumbers(_revision, required._revision) == 0);
    }

    /// <summary>True when this version satisfies <paramref name="op"/> <paramref name="required"/> (`=`, `&lt;`, `&gt;=`, `~`...).</summary>
    public bool Satisfies(string op, LockedVersion required)
    {
        if (op == "~" || op == "=~")
        {
            return FuzzyMatches(required);
        }
        int c = Compare(this, required);
        switch (op)
        {
            case "=": return c == 0;
            case "<": return c < 0;
            case ">": return c > 0;
            case "<=": return c <= 0;
            case ">=": return c >= 0;
            // apk-tools 3's fuzzy bounds, with the same meaning as the runtime's VersionConstraint.
            case "<~": return c < 0 || FuzzyMatches(required);
            case ">~": return c > 0 || FuzzyMatches(required);
            default: return true; // apko treats an operator it does not know as "any version"
        }
    }

    /// <summary>Compares digit strings as integers of any length ("" is 0).</summary>
    private static int CompareNumbers(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        int c = a.Length.CompareTo(b.Length);
        return c != 0 ? Math.Sign(c) : Math.Sign(string.CompareOrdinal(a, b));
    }

    private static bool IsZero(string digits) => digits.TrimStart('0').Length == 0;
}
