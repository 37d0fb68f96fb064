using System.Globalization;
using System.Text;

namespace ImageDsl.Formats.Tar;

/// <summary>
/// A forward-only tar reader over a decompressed stream. We read tars ourselves (rather than with
/// System.Formats.Tar) because PAX `SCHILY.xattr.*` values are binary (file capabilities) and must
/// reach the installer byte for byte, and because every malformed header must be a clear error.
/// </summary>
/// <remarks>Malformed input throws <see cref="InvalidDataException"/>; callers add the package's name.</remarks>
internal sealed class StreamingTarReader(Stream input)
{
    private readonly byte[] _block = new byte[512];
    private long _contentLeft;
    private long _paddingLeft;

    /// <summary>The bytes of the current entry's content not yet read.</summary>
    public long ContentRemaining => _contentLeft;

    /// <summary>Moves to the next entry (skipping unread content); null at the end of the archive.</summary>
    public TarEntryHeader? Next()
    {
        SkipCurrent();
        var local = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? gnuLongName = null;
        string? gnuLongLink = null;
        while (true)
        {
            int n = ReadBlock(_block);
            if (n == 0)
            {
                return null; // end of stream without end-of-archive blocks: accepted, as tar does
            }
            if (n < 512)
            {
                throw new InvalidDataException("the tar stream ends inside a header block (truncated)");
            }
            if (TarHeaderBlock.IsZero(_block))
            {
                return null;
            }
            TarHeaderBlock header = TarHeaderBlock.TryParse(_block, out string? error)
                ?? throw new InvalidDataException(error);
            switch (header.TypeFlag)
            {
                case 'x':
                    foreach (var (key, value) in ParsePax(ReadMeta(header.Size)))
                    {
                        local[key] = value;
                    }
                    continue;
                case 'g':
                    // A global record would apply to every later entry (a `path` renaming the next file, an
                    // xattr copied onto all of them); apko refuses them and so do we. abuild never writes one.
                    throw new InvalidDataException("it holds a global PAX header (tar type 'g'), which packages may not use");
                case 'L':
                    gnuLongName = Encoding.UTF8.GetString(ReadMeta(header.Size)).TrimEnd('\0');
                    continue;
                case 'K':
                    gnuLongLink = Encoding.UTF8.GetString(ReadMeta(header.Size)).TrimEnd('\0');
                    continue;
            }
            return Apply(header, local, gnuLongName, gnuLongLink);
        }
    }

    /// <summary>Reads from the current entry's content; 0 at its end.</summary>
    public int ReadContent(Span<byte> buffer)
    {
        if (_contentLeft == 0 || buffer.IsEmpty)
        {
            return 0;
        }
        int want = (int)Math.Min(buffer.Length, _contentLeft);
        int n = input.Read(buffer[..want]);
        if (n == 0)
        {
            throw new InvalidDataException($"the tar stream ends inside an entry's content ({_contentLeft} bytes missing; truncated)");
        }
        _contentLeft -= n;
        return n;
    }

    private TarEntryHeader Apply(TarHeaderBlock header, Dictionary<string, byte[]> local, string? longName, string? longLink)
    {
        Dictionary<string, byte[]> pax = local;
        string name = Utf8(pax, "path") ?? longName ?? header.Name;
        string link = Utf8(pax, "linkpath") ?? longLink ?? header.LinkName;
        long size = Number(pax, "size") ?? header.Size;
        char type = header.TypeFlag;
        // Only regular files carry content; a hard link's or a directory's size field is ignored, as tar does.
        long content = type is '0' or '7' ? size : 0;
        _contentLeft = content;
        _paddingLeft = (512 - content % 512) % 512;
        if (type is not ('0' or '7'))
        {
            // Skip any data a non-file entry claims (tar writers should not produce any).
            _contentLeft = 0;
            _paddingLeft = type is '1' or '2' or '3' or '4' or '5' or '6' ? 0 : RoundUp(size);
        }
        return new TarEntryHeader
        {
            Name = name,
            Kind = (TarEntryKind)(byte)type,
            Mode = (UnixFileMode)header.Mode,
            Uid = Number(pax, "uid") ?? header.Uid,
            Gid = Number(pax, "gid") ?? header.Gid,
            UserName = Utf8(pax, "uname") ?? header.UserName,
            GroupName = Utf8(pax, "gname") ?? header.GroupName,
            ModificationTime = Number(pax, "mtime") ?? header.ModificationTime,
            Size = content,
            LinkName = link,
            DeviceMajor = header.DeviceMajor,
            DeviceMinor = header.DeviceMinor,
            PaxRecords = [.. pax],
        };
    }

    private void SkipCurrent()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (_contentLeft > 0)
        {
            ReadContent(scratch);
        }
        while (_paddingLeft > 0)
        {
            int n = input.Read(scratch[..(int)Math.Min(scratch.Length, _paddingLeft)]);
            if (n == 0)
            {
                throw new InvalidDataException("the tar stream ends inside an entry's padding (truncated)");
            }
            _paddingLeft -= n;
        }
    }

    private byte[] ReadMeta(long size)
    {
        if (size > 1 << 20)
        {
            throw new InvalidDataException($"a tar extension header of {size} bytes is larger than the 1 MiB allowed");
        }
        byte[] data = new byte[size];
        int total = 0;
        while (total < size)
        {
            int n = input.Read(data, total, (int)size - total);
            if (n == 0)
            {
                throw new InvalidDataException("the tar stream ends inside an extension header (truncated)");
            }
            total += n;
        }
        _paddingLeft = RoundUp(size) - size;
        SkipCurrent();
        return data;
    }

    private int ReadBlock(byte[] block)
    {
        int total = 0;
        while (total < 512)
        {
            int n = input.Read(block, total, 512 - total);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private static long RoundUp(long size) => (size + 511) / 512 * 512;

    /// <summary>Parses PAX records ("len key=value\n"); values stay raw bytes (xattrs are binary).</summary>
    internal static IEnumerable<KeyValuePair<string, byte[]>> ParsePax(byte[] data)
    {
        int i = 0;
        while (i < data.Length)
        {
            if (data[i] == 0)
            {
                yield break; // NUL padding after the last record
            }
            int space = Array.IndexOf(data, (byte)' ', i);
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(data, i, space - i), NumberStyles.None, CultureInfo.InvariantCulture, out int length)
                || length <= space - i + 1 || i + length > data.Length || data[i + length - 1] != (byte)'\n')
            {
                throw new InvalidDataException("a PAX extended header record is malformed");
            }
            int eq = Array.IndexOf(data, (byte)'=', space + 1, i + length - space - 1);
            if (eq < 0)
            {
                throw new InvalidDataException("a PAX extended header record has no '='");
            }
            string key = Encoding.UTF8.GetString(data, space + 1, eq - space - 1);
            byte[] value = data.AsSpan(eq + 1, i + length - eq - 2).ToArray();
            yield return new KeyValuePair<string, byte[]>(key, value);
            i += length;
        }
    }

    private static string? Utf8(Dictionary<string, byte[]> pax, string key) =>
        pax.TryGetValue(key, out byte[]? value) ? Encoding.UTF8.GetString(value) : null;

    private static long? Number(Dictionary<string, byte[]> pax, string key)
    {
        if (!pax.TryGetValue(key, out byte[]? value))
        {
            return null;
        }
        string text = Encoding.ASCII.GetString(value);
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            text = text[..dot]; // PAX times may carry a fraction; whole seconds are kept
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
        {
            throw new InvalidDataException($"the PAX record {key}={text} is not a number");
        }
        if (number < 0 && key != "mtime")
        {
            throw new InvalidDataException($"the PAX record {key}={text} is negative");
        }
        return number;
    }
}
