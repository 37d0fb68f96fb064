using System.Buffers;
using System.Globalization;
using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Oci;

/// <summary>
/// Writes tar streams byte-compatible with Go's `archive/tar` as apko drives it: USTAR headers
/// when every field fits (long ASCII names split into prefix/name), otherwise a PAX `x` header
/// named `&lt;dir&gt;/PaxHeaders.0/&lt;file&gt;` (no process id, unlike System.Formats.Tar) with
/// sorted records, then a USTAR-shaped header. Output depends only on the headers and content.
/// </summary>
public sealed class DeterministicTarWriter : IDisposable
{
    private const int Block = 512;
    private const int NameSize = 100;
    private const int PrefixSize = 155;
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[Block];
    private bool _finished;

    /// <summary>Writes to <paramref name="output"/>; <see cref="Finish"/> adds the end-of-archive marker.</summary>
    public DeterministicTarWriter(Stream output, bool leaveOpen = true)
    {
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>
    /// Writes one entry. <paramref name="content"/> is read for regular files and must yield exactly
    /// <see cref="TarEntryHeader.Size"/> bytes.
    /// </summary>
    public void WriteEntry(TarEntryHeader header, Stream? content = null)
    {
        long size = header.Kind == TarEntryKind.RegularFile ? header.Size : 0;
        long mtime = RoundToSeconds(header.ModificationTime);
        var pax = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        bool ustar = true;

        ustar &= CheckString(header.Name, NameSize, "path", pax, splittable: true);
        ustar &= CheckString(header.LinkName, NameSize, "linkpath", pax, splittable: false);
        ustar &= CheckString(header.UserName, 32, "uname", pax, splittable: false);
        ustar &= CheckString(header.GroupName, 32, "gname", pax, splittable: false);
        ustar &= CheckNumber(header.Uid, 8, "uid", pax);
        ustar &= CheckNumber(header.Gid, 8, "gid", pax);
        ustar &= CheckNumber(size, 12, "size", pax);
        ustar &= CheckNumber(mtime, 12, "mtime", pax) && mtime >= 0;
        if (!FitsOctal(header.DeviceMajor, 8) || !FitsOctal(header.DeviceMinor, 8) || !FitsOctal((long)header.Mode, 8))
        {
            throw new ImageDslException(ErrorKind.Build, $"tar entry '{header.Name}' has a mode or device number too large for tar");
        }
        if (header.ExtendedAttributes is { Count: > 0 } xattrs)
        {
            foreach (var (name, value) in xattrs)
            {
                pax["SCHILY.xattr." + name] = value;
            }
            ustar = false;
        }

        if (ustar)
        {
            string name = header.Name;
            string prefix = "";
            if (SplitUstarPath(name) is { } split)
            {
                (prefix, name) = split;
            }
            FillHeader(header, name, size, mtime, toAscii: false);
            WriteString(_header.AsSpan(345, PrefixSize), prefix);
        }
        else
        {
            WritePaxHeader(header.Name, pax);
            FillHeader(header, header.Name, size, mtime, toAscii: true);
        }
        Seal();
        _output.Write(_header);
        if (size > 0)
        {
            CopyExactly(content ?? throw new ArgumentNullException(nameof(content)), size, header.Name);
        }
    }

    /// <summary>Writes the end-of-archive marker (two zero blocks, as Go does; no record padding).</summary>
    public void Finish()
    {
        if (!_finished)
        {
            _output.Write(new byte[Block * 2]);
            _finished = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Finish();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    private void FillHeader(TarEntryHeader header, string name, long size, long mtime, bool toAscii)
    {
        Array.Clear(_header);
        Span<byte> h = _header;
        WriteString(h[..100], toAscii ? ToAscii(name) : name);
        WriteOctal(h.Slice(100, 8), (long)header.Mode);
        WriteOctal(h.Slice(108, 8), header.Uid);
        WriteOctal(h.Slice(116, 8), header.Gid);
        WriteOctal(h.Slice(124, 12), size);
        WriteOctal(h.Slice(136, 12), mtime);
        h[156] = (byte)header.Kind;
        WriteString(h.Slice(157, 100), toAscii ? ToAscii(header.LinkName) : header.LinkName);
        WriteString(h.Slice(265, 32), toAscii ? ToAscii(header.UserName) : header.UserName);
        WriteString(h.Slice(297, 32), toAscii ? ToAscii(header.GroupName) : header.GroupName);
        WriteOctal(h.Slice(329, 8), header.DeviceMajor);
        WriteOctal(h.Slice(337, 8), header.DeviceMinor);
    }

    /// <summary>Sets the USTAR magic and the checksum (6 octal digits, NUL, space).</summary>
    private void Seal()
    {
        "ustar\0"u8.CopyTo(_header.AsSpan(257));
        "00"u8.CopyTo(_header.AsSpan(263));
        _header.AsSpan(148, 8).Fill((byte)' ');
        long sum = 0;
        foreach (byte b in _header)
        {
            sum += b;
        }
        WriteOctal(_header.AsSpan(148, 7), sum);
        _header[155] = (byte)' ';
    }

    private void WritePaxHeader(string realName, SortedDictionary<string, byte[]> records)
    {
        using var data = new MemoryStream();
        foreach (var (key, value) in records)
        {
            byte[] keyBytes = Encoding.UTF8.GetBytes(key);
            // The length counts itself: add its digits, then once more if that added a digit (Go).
            int body = keyBytes.Length + value.Length + 3;
            int size = body + Digits(body);
            if (Digits(size) + body != size)
            {
                size = Digits(size) + body;
            }
            string prefix = size.ToString(CultureInfo.InvariantCulture) + " ";
            data.Write(Encoding.ASCII.GetBytes(prefix));
            data.Write(keyBytes);
            data.WriteByte((byte)'=');
            data.Write(value);
            data.WriteByte((byte)'\n');
        }
        int slash = realName.LastIndexOf('/');
        string dir = slash < 0 ? "" : realName[..(slash + 1)];
        string file = slash < 0 ? realName : realName[(slash + 1)..];
        string name = ToAscii(dir + "PaxHeaders.0/" + file);
        if (Encoding.ASCII.GetByteCount(name) > NameSize)
        {
            name = name[..NameSize];
        }
        name = name.TrimEnd('/');

        Array.Clear(_header);
        WriteString(_header.AsSpan(0, 100), name);
        WriteOctal(_header.AsSpan(100, 8), 0);
        WriteOctal(_header.AsSpan(108, 8), 0);
        WriteOctal(_header.AsSpan(116, 8), 0);
        WriteOctal(_header.AsSpan(124, 12), data.Length);
        WriteOctal(_header.AsSpan(136, 12), 0);
        _header[156] = (byte)'x';
        Seal();
        _output.Write(_header);
        _output.Write(data.GetBuffer(), 0, (int)data.Length);
        Pad(data.Length);
    }

    private void CopyExactly(Stream content, long size, string name)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long left = size;
            while (left > 0)
            {
                int read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    break;
                }
                _output.Write(buffer, 0, read);
                left -= read;
            }
            if (left != 0 || content.Read(buffer, 0, 1) != 0)
            {
                throw new ImageDslException(ErrorKind.Integrity,
                    $"the content of '/{name}' is not the {size} bytes recorded for it",
                    "the package file changed while the image was written; rebuild");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        Pad(size);
    }

    private void Pad(long size)
    {
        int rest = (int)(size % Block);
        if (rest != 0)
        {
            _output.Write(new byte[Block - rest]);
        }
    }

    private static bool CheckString(string value, int size, string paxKey, SortedDictionary<string, byte[]> pax, bool splittable)
    {
        if (IsAscii(value) && value.Length <= size)
        {
            return true;
        }
        pax[paxKey] = Encoding.UTF8.GetBytes(value);
        return splittable && SplitUstarPath(value) is not null;
    }

    private static bool CheckNumber(long value, int size, string paxKey, SortedDictionary<string, byte[]> pax)
    {
        if (FitsOctal(value, size))
        {
            return true;
        }
        pax[paxKey] = Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    private static bool FitsOctal(long value, int size) => value >= 0 && (size - 1 >= 21 || value < 1L << (3 * (size - 1)));

    /// <summary>Go's splitUSTARPath: a long ASCII name split at a '/' into prefix (≤155) and name (≤100).</summary>
    private static (string Prefix, string Name)? SplitUstarPath(string name)
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

    private static bool IsAscii(string s)
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

    private static string ToAscii(string s)
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

    /// <summary>Go's formatString: copy, NUL-terminate when there is room, truncate otherwise.</summary>
    private static void WriteString(Span<byte> field, string value)
    {
        int written = Encoding.UTF8.GetBytes(value.AsSpan(0, Math.Min(value.Length, field.Length)), field);
        if (written < field.Length)
        {
            field[written] = 0;
        }
    }

    /// <summary>Go's formatOctal: zero-padded octal digits filling all but the last byte, then NUL.</summary>
    private static void WriteOctal(Span<byte> field, long value)
    {
        if (!FitsOctal(value, field.Length))
        {
            value = 0;
        }
        string digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        WriteString(field, digits);
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;

    /// <summary>Go's writer rounds ModTime to the nearest second (halves up) when no format is forced.</summary>
    private static long RoundToSeconds(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerSecond / 2;
        return ticks >= 0 ? ticks / TimeSpan.TicksPerSecond : -((-ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
    }
}
