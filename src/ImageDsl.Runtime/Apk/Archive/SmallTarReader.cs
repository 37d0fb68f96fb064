using System.Text;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Archive;

/// <summary>
/// Reads the small tars inside APK signature and control members. These are cut without the tar
/// end-of-archive blocks (so they can be concatenated), which general readers may refuse; headers and PAX
/// records are parsed by the shared <c>Formats/Tar</c> code, only the walk over a byte array is this class's.
/// </summary>
public static class SmallTarReader
{
    private const string Damaged = "The archive is damaged or was tampered with.";

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
            if (TarHeaderBlock.IsZero(header))
            {
                break; // end-of-archive block
            }
            TarHeaderBlock block = TarHeaderBlock.TryParse(header, out string? error)
                ?? throw new ImageDslException(ErrorKind.Integrity, $"{what}: {error} at offset {offset}", Damaged);
            int dataStart = offset + 512;
            if (block.Size > tar.Length - dataStart)
            {
                throw new ImageDslException(ErrorKind.Integrity, $"{what}: tar entry '{block.Name}' is truncated", Damaged);
            }
            int size = (int)block.Size;
            byte[] content = tar.AsSpan(dataStart, size).ToArray();
            offset = dataStart + (size + 511) / 512 * 512;
            switch (block.TypeFlag)
            {
                case 'x':
                    foreach (var (key, value) in ParsePax(content, what))
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
            string fullName = longName ?? (pax.TryGetValue("path", out string? p) ? p : block.Name);
            entries.Add(new SmallTarEntry(fullName, block.TypeFlag, block.Mode, content, new Dictionary<string, string>(pax)));
            pax.Clear();
            longName = null;
        }
        return entries;
    }

    /// <summary>Parses PAX records ("len key=value\n" repeated) with the shared reader; a malformed one is an integrity error.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParsePax(byte[] data, string what)
    {
        try
        {
            return StreamingTarReader.ParsePax(data).Select(r => new KeyValuePair<string, string>(r.Key, Encoding.UTF8.GetString(r.Value))).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{what}: {e.Message}", Damaged);
        }
    }
}
