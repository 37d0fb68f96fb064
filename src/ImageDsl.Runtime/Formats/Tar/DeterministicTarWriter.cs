using System.Buffers;
using System.Globalization;
using System.Text;
using ImageDsl.Errors;
using ImageDsl.Formats.Files;
using static ImageDsl.Formats.Tar.TarFieldEncoding;

namespace ImageDsl.Formats.Tar;

/// <summary>
/// The one tar writer of the Runtime. Output depends only on the headers and content (no pid in
/// PAX header names, unlike System.Formats.Tar; no clock; no host user), in one of two
/// <see cref="TarDialect"/>s: Go's `archive/tar` for image layers, abuild's for APK packages.
/// </summary>
public sealed class DeterministicTarWriter : IDisposable
{
    private const int Block = 512;
    private const int NameSize = TarFieldEncoding.NameSize;
    private const int PrefixSize = TarFieldEncoding.PrefixSize;
    private const long MaxOctal11 = 0x1FFFFFFFF; // 077777777777
    private const long MaxOctal7 = 0x1FFFFF;     // 07777777
    private const UnixFileMode AbuildPaxMode = (UnixFileMode)0x1A4; // 0644, as abuild writes its PAX headers
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly TarDialect _dialect;
    private readonly byte[] _header = new byte[Block];
    private bool _finished;

    /// <summary>Writes to <paramref name="output"/> in <paramref name="dialect"/>; <see cref="Finish"/> adds the end-of-archive marker.</summary>
    public DeterministicTarWriter(Stream output, bool leaveOpen = true, TarDialect dialect = TarDialect.GoArchiveTar)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _dialect = dialect;
    }

    /// <summary>
    /// Writes one entry. <paramref name="content"/> is read for regular files and must yield exactly
    /// <see cref="TarEntryHeader.Size"/> bytes.
    /// </summary>
    public void WriteEntry(TarEntryHeader header, Stream? content = null)
    {
        if (_dialect == TarDialect.Abuild)
        {
            WriteAbuildEntry(header, content);
        }
        else
        {
            WriteGoEntry(header, content);
        }
    }

    /// <summary>Writes the end-of-archive marker (two zero blocks, as Go and abuild do; no record padding).</summary>
    public void Finish()
    {
        if (!_finished)
        {
            _output.Write(new byte[Block * 2]);
            _finished = true;
        }
    }

    /// <summary>Go dialect: ends the archive. Abuild dialect: the archive stays cut unless <see cref="Finish"/> was called.</summary>
    public void Dispose()
    {
        if (_dialect == TarDialect.GoArchiveTar)
        {
            Finish();
        }
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    /// <summary>PAX records, "%d %s=%s\n" where the length counts itself.</summary>
    internal static byte[] FormatPax(IEnumerable<KeyValuePair<string, byte[]>> records)
    {
        using var data = new MemoryStream();
        foreach (var (key, value) in records)
        {
            byte[] keyBytes = Encoding.UTF8.GetBytes(key);
            int body = keyBytes.Length + value.Length + 3; // " key=value\n"
            int length = body + Digits(body);
            while (length != body + Digits(length))
            {
                length = body + Digits(length);
            }
            data.Write(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " "));
            data.Write(keyBytes);
            data.WriteByte((byte)'=');
            data.Write(value);
            data.WriteByte((byte)'\n');
        }
        return data.ToArray();
    }

    private void WriteGoEntry(TarEntryHeader header, Stream? content)
    {
        long size = header.Kind == TarEntryKind.RegularFile ? header.Size : 0;
        long mtime = header.ModificationTime;
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
        foreach (var (key, value) in header.PaxRecords)
        {
            pax[key] = value;
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
            FillGoHeader(header, name, size, mtime, toAscii: false);
            WriteText(_header.AsSpan(345, PrefixSize), prefix);
        }
        else
        {
            WriteGoPaxHeader(header.Name, pax);
            FillGoHeader(header, header.Name, size, mtime, toAscii: true);
        }
        Seal();
        _output.Write(_header);
        if (size > 0)
        {
            long copied = Copy(content ?? throw new ArgumentNullException(nameof(content)), size);
            if (copied != size)
            {
                throw new ImageDslException(ErrorKind.Integrity,
                    $"the content of '/{header.Name}' is not the {size} bytes recorded for it",
                    "the package file changed while the image was written; rebuild");
            }
            Pad(size);
        }
    }

    private void FillGoHeader(TarEntryHeader header, string name, long size, long mtime, bool toAscii)
    {
        Array.Clear(_header);
        Span<byte> h = _header;
        WriteText(h[..100], toAscii ? ToAscii(name) : name);
        WriteGoOctal(h.Slice(100, 8), (long)header.Mode);
        WriteGoOctal(h.Slice(108, 8), header.Uid);
        WriteGoOctal(h.Slice(116, 8), header.Gid);
        WriteGoOctal(h.Slice(124, 12), size);
        WriteGoOctal(h.Slice(136, 12), mtime);
        h[156] = (byte)header.Kind;
        WriteText(h.Slice(157, 100), toAscii ? ToAscii(header.LinkName) : header.LinkName);
        WriteText(h.Slice(265, 32), toAscii ? ToAscii(header.UserName) : header.UserName);
        WriteText(h.Slice(297, 32), toAscii ? ToAscii(header.GroupName) : header.GroupName);
        WriteGoOctal(h.Slice(329, 8), header.DeviceMajor);
        WriteGoOctal(h.Slice(337, 8), header.DeviceMinor);
    }

    private void WriteGoPaxHeader(string realName, SortedDictionary<string, byte[]> records)
    {
        byte[] data = FormatPax(records);
        int slash = realName.LastIndexOf('/');
        string dir = slash < 0 ? "" : realName[..(slash + 1)];
        string file = slash < 0 ? realName : realName[(slash + 1)..];
        string name = ToAscii(dir + "PaxHeaders.0/" + file);
        if (name.Length > NameSize)
        {
            name = name[..NameSize];
        }
        name = name.TrimEnd('/');

        Array.Clear(_header);
        WriteText(_header.AsSpan(0, 100), name);
        WriteGoOctal(_header.AsSpan(100, 8), 0);
        WriteGoOctal(_header.AsSpan(108, 8), 0);
        WriteGoOctal(_header.AsSpan(116, 8), 0);
        WriteGoOctal(_header.AsSpan(124, 12), data.Length);
        WriteGoOctal(_header.AsSpan(136, 12), 0);
        _header[156] = (byte)TarEntryKind.PaxHeader;
        Seal();
        _output.Write(_header);
        _output.Write(data);
        Pad(data.Length);
    }

    private void WriteAbuildEntry(TarEntryHeader header, Stream? content)
    {
        var pax = new List<KeyValuePair<string, byte[]>>();
        byte[] name = Encoding.UTF8.GetBytes(header.Name);
        byte[] link = Encoding.UTF8.GetBytes(header.LinkName);
        if (name.Length > NameSize)
        {
            pax.Add(new("path", name));
        }
        if (link.Length > NameSize)
        {
            pax.Add(new("linkpath", link));
        }
        if (header.Size > MaxOctal11)
        {
            pax.Add(new("size", Ascii(header.Size)));
        }
        if (header.Uid > MaxOctal7)
        {
            pax.Add(new("uid", Ascii(header.Uid)));
        }
        if (header.Gid > MaxOctal7)
        {
            pax.Add(new("gid", Ascii(header.Gid)));
        }
        pax.AddRange(header.PaxRecords);
        if (header.ExtendedAttributes is { Count: > 0 } xattrs)
        {
            pax.AddRange(xattrs.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => new KeyValuePair<string, byte[]>("SCHILY.xattr." + x.Key, x.Value)));
        }
        if (pax.Count > 0)
        {
            byte[] records = FormatPax(pax);
            WriteAbuildHeader(new TarEntryHeader
            {
                Name = "PaxHeaders/" + Path.GetFileName(header.Name.TrimEnd('/')),
                Kind = TarEntryKind.PaxHeader,
                Mode = AbuildPaxMode,
                UserName = "root",
                GroupName = "root",
                ModificationTime = header.ModificationTime,
                Size = records.Length,
            });
            _output.Write(records);
            Pad(records.Length);
        }
        WriteAbuildHeader(header);
        if (header.Kind == TarEntryKind.RegularFile && header.Size > 0)
        {
            ArgumentNullException.ThrowIfNull(content);
            long copied = Copy(content, header.Size);
            if (copied != header.Size)
            {
                throw new IOException($"{header.Name} changed size while it was being packed ({header.Size} bytes expected, {copied} read)");
            }
            Pad(header.Size);
        }
    }

    private void WriteAbuildHeader(TarEntryHeader header)
    {
        Array.Clear(_header);
        Span<byte> h = _header;
        WriteText(h[..100], header.Name);
        WriteDigits(h.Slice(100, 8), Convert.ToString((long)header.Mode, 8));
        WriteDigits(h.Slice(108, 8), Convert.ToString(Math.Min(header.Uid, MaxOctal7), 8));
        WriteDigits(h.Slice(116, 8), Convert.ToString(Math.Min(header.Gid, MaxOctal7), 8));
        WriteDigits(h.Slice(124, 12), Convert.ToString(header.Size > MaxOctal11 ? 0 : header.Size, 8));
        WriteDigits(h.Slice(136, 12), Convert.ToString(Math.Clamp(header.ModificationTime, 0, MaxOctal11), 8));
        h[156] = (byte)header.Kind;
        WriteText(h.Slice(157, 100), header.LinkName);
        WriteText(h.Slice(265, 32), header.UserName);
        WriteText(h.Slice(297, 32), header.GroupName);
        if (header.Kind is TarEntryKind.CharacterDevice or TarEntryKind.BlockDevice)
        {
            WriteDigits(h.Slice(329, 8), Convert.ToString((long)header.DeviceMajor, 8));
            WriteDigits(h.Slice(337, 8), Convert.ToString((long)header.DeviceMinor, 8));
        }
        Seal();
        _output.Write(_header);
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
        WriteDigits(_header.AsSpan(148, 7), Convert.ToString(sum, 8));
        _header[155] = (byte)' ';
    }

    /// <summary>Copies up to <paramref name="size"/> bytes; returns what was copied, plus one when the content holds more.</summary>
    private long Copy(Stream content, long size)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            // File to file (an image tar's blobs): inside the kernel; whatever it leaves is copied below.
            long total = content is FileStream source && _output is FileStream target ? FileRangeCopy.TryCopy(source, target, size) : 0;
            int read;
            while (total < size && (read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, size - total))) > 0)
            {
                _output.Write(buffer, 0, read);
                total += read;
            }
            return total == size && content.Read(buffer, 0, 1) > 0 ? total + 1 : total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
        pax[paxKey] = Ascii(value);
        return false;
    }

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
