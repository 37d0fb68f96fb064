using ImageDsl.Errors;

namespace ImageDsl.Apk.Index;

/// <summary>
/// Checks the `P:` name and `V:` version of an index record before anything uses them. Both become
/// part of a file name (the cache's `name-version.checksum.apk`, a local repository's `name-version.apk`),
/// so a signed but hostile index could otherwise name `../../x` and write outside the cache. Only apk's
/// characters are allowed: names `[A-Za-z0-9_][A-Za-z0-9_.+-]*`, versions `[A-Za-z0-9][A-Za-z0-9_.+~-]*`,
/// each at most <see cref="MaxLength"/> characters (so `name-version.&lt;sha1&gt;.apk` fits in a file name).
/// A bad record refuses the whole index: an index that lies about one name is not trusted for the others.
/// </summary>
internal static class IndexRecordValidator
{
    /// <summary>The longest name or version accepted (apk's own packages stay far below).</summary>
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="name"/> is a package name apk could have written.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxLength && IsLeading(name[0]) && name.AsSpan(1).IndexOfAnyExcept(NameCharacters) < 0;

    /// <summary>True when <paramref name="version"/> only uses apk's version characters.</summary>
    public static bool IsValidVersion(string version) =>
        version.Length is > 0 and <= MaxLength && char.IsAsciiLetterOrDigit(version[0]) && version.AsSpan(1).IndexOfAnyExcept(VersionCharacters) < 0;

    /// <summary>Throws an integrity error naming the index, the line and the value when the record is not safe to use.</summary>
    public static void Check(string name, string version, string what, int line)
    {
        if (!IsValidName(name))
        {
            throw Refused(what, line, $"package name \"{Shown(name)}\"");
        }
        if (!IsValidVersion(version))
        {
            throw Refused(what, line, $"version \"{Shown(version)}\" of package {name}");
        }
    }

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-");

    private static readonly System.Buffers.SearchValues<char> VersionCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+~-");

    private static bool IsLeading(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>At most 60 characters, control characters as '?': the value is hostile and goes to a terminal.</summary>
    private static string Shown(string value)
    {
        string cut = value.Length > 60 ? value[..60] + "…" : value;
        return string.Create(cut.Length, cut, (span, text) =>
        {
            for (int i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }

    private static ImageDslException Refused(string what, int line, string subject) =>
        new(ErrorKind.Integrity,
            $"{what}: APKINDEX record ending at line {line}: {subject} is not a valid apk name or version (only letters, digits and _ . + - ~ are allowed, at most {MaxLength} characters); the index is refused",
            "A repository must not list such names; they could address files outside the cache. Report it to the repository's maintainers, or remove the repository.");
}
