namespace ImageDsl.Apk.Packages;

/// <summary>
/// The owner ids, times and name characters a package entry may carry. Checked when the data tar is read,
/// so nothing downstream (the image tree's 32-bit ids, <see cref="DateTimeOffset"/>, the installed
/// database's line-based text) ever sees a value it would wrap, throw on, or be confused by.
/// </summary>
internal static class EntryLimits
{
    /// <summary>
    /// The largest uid or gid accepted: 2^31-1. Linux ids go to 2^32-2, but ids above 2^31-1 turn negative
    /// in the signed 32-bit fields of many tools (and of the image tree), and 2^32 would wrap to 0 (root);
    /// no distribution package uses them, so they are refused rather than converted.
    /// </summary>
    public const long MaxId = int.MaxValue;

    /// <summary>The earliest modification time accepted, Unix seconds (0001-01-01, the start of <see cref="DateTimeOffset"/>).</summary>
    public const long MinTime = -62135596800;

    /// <summary>The latest modification time accepted, Unix seconds (9999-12-31T23:59:59Z).</summary>
    public const long MaxTime = 253402300799;

    /// <summary>True for an id in 0..<see cref="MaxId"/>.</summary>
    public static bool IsValidId(long id) => id is >= 0 and <= MaxId;

    /// <summary>True for a time in <see cref="MinTime"/>..<see cref="MaxTime"/>.</summary>
    public static bool IsValidTime(long seconds) => seconds is >= MinTime and <= MaxTime;

    /// <summary>
    /// The first control character (U+0000-U+001F, U+007F-U+009F) of <paramref name="name"/>, or null. A newline
    /// in a file name would start a new record in `/lib/apk/db/installed`; none has a use in a package.
    /// </summary>
    public static char? FirstControlCharacter(string name)
    {
        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>A control character as text for a message: `\n`, `\t`, or `\u001b`.</summary>
    public static string Describe(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\0' => "\\0",
        _ => $"\\u{(int)c:x4}",
    };

    /// <summary><paramref name="name"/> with every control character written as an escape, safe to print on one line.</summary>
    public static string Printable(string name)
    {
        if (FirstControlCharacter(name) is null)
        {
            return name;
        }
        var text = new System.Text.StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            text.Append(char.IsControl(c) ? Describe(c) : c.ToString());
        }
        return text.ToString();
    }
}
