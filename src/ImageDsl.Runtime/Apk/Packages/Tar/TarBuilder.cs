using System.Globalization;
using System.Text;

namespace ImageDsl.Apk.Packages.Tar;

/// <summary>What <see cref="TarBuilder"/> writes for one entry.</summary>
internal sealed record TarEntrySpec(string Name, char TypeFlag)
{
    public int Mode { get; init; } = 0x1A4; // 0644
    public long Uid { get; init; }
    public long Gid { get; init; }
    public string UserName { get; init; } = "root";
    public string GroupName { get; init; } = "root";
    public long ModificationTime { get; init; }
    public long Size { get; init; }
    public string LinkName { get; init; } = "";
    public int DeviceMajor { get; init; }
    public int DeviceMinor { get; init; }

    /// <summary>PAX records to add, written in this order after any needed `path`/`linkpath`/`size` records.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> PaxRecords { get; init; } = [];
}

/// <summary>
/// Writes ustar headers, adding a PAX header only where one is needed or asked for. Every field comes
/// from the spec, so output depends on nothing but the input: no pid in PAX header names (unlike
/// System.Formats.Tar), no clock, no host user.
/// </summary>
internal sealed class TarBuilder(Stream output)
{
    private const long MaxOctal11 = 0x1FFFFFFFF; // 077777777777
    private const long MaxOctal7 = 0x1FFFFF;     // 07777777

    /// <summary>Writes a header (and PAX header) and then the content, padded to a block.</summary>
    public void Add(TarEntrySpec entry, Stream? content = null)
    {
        var pax = new List<KeyValuePair<string, byte[]>>();
        byte[] name = Encoding.UTF8.GetBytes(entry.Name);
        byte[] link = Encoding.UTF8.GetBytes(entry.LinkName);
        if (name.Length > 100)
        {
            pax.Add(new("path", name));
        }
        if (link.Length > 100)
        {
            pax.Add(new("linkpath", link));
        }
        if (entry.Size > MaxOctal11)
        {
            pax.Add(new("size", Ascii(entry.Size)));
        }
        if (entry.Uid > MaxOctal7)
        {
            pax.Add(new("uid", Ascii(entry.Uid)));
        }
        if (entry.Gid > MaxOctal7)
        {
            pax.Add(new("gid", Ascii(entry.Gid)));
        }
        pax.AddRange(entry.PaxRecords);
        if (pax.Count > 0)
        {
            byte[] records = FormatPax(pax);
            string paxName = "PaxHeaders/" + Path.GetFileName(entry.Name.TrimEnd('/'));
            WriteHeader(new TarEntrySpec(paxName, 'x') { ModificationTime = entry.ModificationTime, Size = records.Length });
            output.Write(records);
            Pad(records.Length);
        }
        WriteHeader(entry);
        if (entry.TypeFlag == '0' && entry.Size > 0)
        {
            ArgumentNullException.ThrowIfNull(content);
            long copied = Copy(content, entry.Size);
            if (copied != entry.Size)
            {
                throw new IOException($"{entry.Name} changed size while it was being packed ({entry.Size} bytes expected, {copied} read)");
            }
            Pad(entry.Size);
        }
    }

    /// <summary>Writes the two zero blocks that end a complete archive (the data tar and the index tar have them; control and signature tars are cut without).</summary>
    public void Finish() => output.Write(new byte[1024]);

    private long Copy(Stream content, long size)
    {
        byte[] buffer = new byte[81920];
        long total = 0;
        int n;
        while (total < size && (n = content.Read(buffer, 0, (int)Math.Min(buffer.Length, size - total))) > 0)
        {
            output.Write(buffer, 0, n);
            total += n;
        }
        if (total == size && content.Read(buffer, 0, 1) > 0)
        {
            return total + 1; // the file grew
        }
        return total;
    }

    private void Pad(long size)
    {
        int pad = (int)((512 - size % 512) % 512);
        if (pad > 0)
        {
            output.Write(new byte[pad]);
        }
    }

    private void WriteHeader(TarEntrySpec entry)
    {
        byte[] block = new byte[512];
        Put(block, 0, 100, Truncate(entry.Name, 100));
        PutOctal(block, 100, 8, entry.Mode);
        PutOctal(block, 108, 8, Math.Min(entry.Uid, MaxOctal7));
        PutOctal(block, 116, 8, Math.Min(entry.Gid, MaxOctal7));
        PutOctal(block, 124, 12, entry.Size > MaxOctal11 ? 0 : entry.Size);
        PutOctal(block, 136, 12, Math.Clamp(entry.ModificationTime, 0, MaxOctal11));
        block[156] = (byte)entry.TypeFlag;
        Put(block, 157, 100, Truncate(entry.LinkName, 100));
        Put(block, 257, 6, "ustar\0"u8.ToArray());
        Put(block, 263, 2, "00"u8.ToArray());
        Put(block, 265, 32, Truncate(entry.UserName, 32));
        Put(block, 297, 32, Truncate(entry.GroupName, 32));
        if (entry.TypeFlag is '3' or '4')
        {
            PutOctal(block, 329, 8, entry.DeviceMajor);
            PutOctal(block, 337, 8, entry.DeviceMinor);
        }
        block.AsSpan(148, 8).Fill((byte)' ');
        long sum = 0;
        foreach (byte b in block)
        {
            sum += b;
        }
        // chksum: six octal digits, NUL, space (the traditional layout).
        Put(block, 148, 8, Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 "));
        output.Write(block);
    }

    private static byte[] Truncate(string text, int max)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length <= max ? bytes : bytes[..max];
    }

    private static void Put(byte[] block, int offset, int length, byte[] value) =>
        value.AsSpan(0, Math.Min(length, value.Length)).CopyTo(block.AsSpan(offset, length));

    private static void PutOctal(byte[] block, int offset, int length, long value) =>
        Put(block, offset, length, Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0"));

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>"%d %s=%s\n" where the length counts itself.</summary>
    internal static byte[] FormatPax(IEnumerable<KeyValuePair<string, byte[]>> records)
    {
        var output = new MemoryStream();
        foreach (var (key, value) in records)
        {
            int body = 1 + Encoding.UTF8.GetByteCount(key) + 1 + value.Length + 1; // " key=value\n"
            int length = body + 1;
            while (length != body + length.ToString(CultureInfo.InvariantCulture).Length)
            {
                length = body + length.ToString(CultureInfo.InvariantCulture).Length;
            }
            output.Write(Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " "));
            output.Write(Encoding.UTF8.GetBytes(key + "="));
            output.Write(value);
            output.WriteByte((byte)'\n');
        }
        return output.ToArray();
    }
}
