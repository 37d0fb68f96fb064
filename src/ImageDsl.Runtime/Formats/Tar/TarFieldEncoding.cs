using System.Text;

namespace ImageDsl.Formats.Tar;

/// <summary>
/// How values go into the fixed-size fields of a tar header block, as Go's `archive/tar` writes them:
/// octal numbers, NUL-terminated text, the ustar prefix/name split.
/// </summary>
internal static class TarFieldEncoding
{
    /// <summary>The ustar name field's size.</summary>
    public const int NameSize = 100;

    /// <summary>The ustar prefix field's size.</summary>
    public const int PrefixSize = 155;

    /// <summary>Whether <paramref name="value"/> fits a <paramref name="size"/>-byte octal field (with its terminator).</summary>
    public static bool FitsOctal(long value, int size) => value >= 0 && (size - 1 >= 21 || value < 1L << (3 * (size - 1)));

    /// <summary>Go's splitUSTARPath: a long ASCII name split at a '/' into prefix (≤155) and name (≤100).</summary>
    public static (string Prefix, string Name)? SplitUstarPath(string name)
    {
        int length = name.Length;
        if (length <= NameSize || !IsAscii(name))
        {
            return null;
        }
        if (length > PrefixSize + 1)
        {
            length = PrefixSize + 1;
        }
        else if (name[length - 1] == '/')
        {
            length--;
        }
        int i = name.LastIndexOf('/', length - 1);
        int nameLength = name.Length - i - 1;
        if (i <= 0 || nameLength > NameSize || nameLength == 0 || i > PrefixSize)
        {
            return null;
        }
        return (name[..i], name[(i + 1)..]);
    }

    public static bool IsAscii(string s)
    {
        foreach (char c in s)
        {
            if (c >= 0x80 || c == 0)
            {
                return false;
            }
        }
        return true;
    }

    public static string ToAscii(string s)
    {
        if (IsAscii(s))
        {
            return s;
        }
        var builder = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (c < 0x80 && c != 0)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Go's formatString: the UTF-8 bytes, NUL-terminated when there is room, truncated otherwise.
    /// The Go dialect only writes ASCII here; abuild's non-ASCII names are cut at the byte.
    /// </summary>
    public static void WriteText(Span<byte> field, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        int length = Math.Min(bytes.Length, field.Length);
        bytes.AsSpan(0, length).CopyTo(field);
        if (length < field.Length)
        {
            field[length] = 0;
        }
    }

    /// <summary>Octal digits zero-padded to all but the last byte (left NUL); longer digit runs are cut to the field.</summary>
    public static void WriteDigits(Span<byte> field, string digits) => WriteText(field, digits.PadLeft(field.Length - 1, '0'));

    /// <summary>Go's formatOctal: a value that does not fit is written as 0 (a PAX record carries it).</summary>
    public static void WriteGoOctal(Span<byte> field, long value) =>
        WriteDigits(field, Convert.ToString(FitsOctal(value, field.Length) ? value : 0, 8));
}
