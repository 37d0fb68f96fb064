using System.Globalization;
using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Archive;

/// <summary>
/// Reads the small tars inside APK signature and control members. These are cut without the tar
/// end-of-archive blocks (so they can be concatenated), which general readers may refuse.
/// </summary>
public static class SmallTarReader
{
    /// <summary>Reads every entry of <paramref name="tar"/>; <paramref name="what"/> names it in errors.</summary>
    public static IReadOnlyList<SmallTarEntry> Read(byte[] tar, string what)
    {
        var entries = new List<SmallTarEntry>();
        var pax = new Dictionary<string, string>(StringComparer.Ordinal);
        string? longName = null;
        int offset = 0;
        while (offset + 512 <= tar.Length)
        {
            ReadOnlySpan<byte> header = tar.AsSpan(offset, 512);
            if (header.IndexOfAnyExcept((byte)0) < 0)
            {
                break; // end-of-archive block
            }
            if (!ChecksumMatches(header))
            {
                throw new ImageDslException(ErrorKind.Integrity, $"{what}: tar header checksum mismatch at offset {offset}",
                    "The archive is damaged or was tampered with.");
            }
            string name = Text(header[..100]);
            string prefix = Text(header.Slice(345, 155));
            long size = Octal(header.Slice(124, 12), what);
            int mode = (int)Octal(header.Slice(100, 8), what);
            char type = header[156] == 0 ? '0' : (char)header[156];
            int dataStart = offset + 512;
            if (size < 0 || dataStart + size > tar.Length)
            {
                throw new ImageDslException(ErrorKind.Integrity, $"{what}: tar entry '{name}' is truncated",
                    "The archive is damaged or was tampered with.");
            }
            byte[] content = tar.AsSpan(dataStart, (int)size).ToArray();
            offset = dataStart + (int)((size + 511) / 512 * 512);
            switch (type)
            {
                case 'x':
                    foreach (var (key, value) in ParsePax(content))
                    {
                        pax[key] = value;
                    }
                    continue;
                case 'g':
                    continue;
                case 'L':
                    longName = Encoding.UTF8.GetString(content).TrimEnd('\0');
                    continue;
            }
            string fullName = longName ?? (pax.TryGetValue("path", out string? p) ? p : prefix.Length > 0 ? prefix + "/" + name : name);
            entries.Add(new SmallTarEntry(fullName, type, mode, content, new Dictionary<string, string>(pax)));
            pax.Clear();
            longName = null;
        }
        return entries;
    }

    /// <summary>Parses PAX records: "len key=value\n" repeated.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParsePax(byte[] data)
    {
        int i = 0;
        while (i < data.Length)
        {
            int space = Array.IndexOf(data, (byte)' ', i);
            // A record is "<len> <key>=<value>\n", and <len> counts all of it: anything shorter is not a record.
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(data, i, space - i), NumberStyles.None, CultureInfo.InvariantCulture, out int length)
                || length < space - i + 2 || length > data.Length - i)
            {
                yield break;
            }
            string record = Encoding.UTF8.GetString(data, space + 1, i + length - space - 2);
            int eq = record.IndexOf('=');
            if (eq > 0)
            {
                yield return new KeyValuePair<string, string>(record[..eq], record[(eq + 1)..]);
            }
            i += length;
        }
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private static long Octal(ReadOnlySpan<byte> field, string what)
    {
        string text = Encoding.ASCII.GetString(field).Trim('\0', ' ');
        return TryParseOctal(text, out long value)
            ? value
            : throw new ImageDslException(ErrorKind.Integrity, $"{what}: bad octal number '{text}' in a tar header",
                "The archive is damaged or was tampered with.");
    }

    private static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        string stored = Encoding.ASCII.GetString(header.Slice(148, 8)).Trim('\0', ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }
        return stored.Length > 0 && TryParseOctal(stored, out long value) && value == sum;
    }

    // Digits 0-7 only: Convert.ToInt64(text, 8) accepts a sign, throws ArgumentException on it, and
    // wraps 22-digit values to negative numbers.
    private static bool TryParseOctal(string text, out long value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '7' || value > (long.MaxValue >> 3))
            {
                return false;
            }
            value = (value << 3) | (long)(c - '0');
        }
        return true;
    }
}
