using System.Globalization;
using System.Text;

namespace ImageDsl.Oci;

/// <summary>One entry of a newc cpio archive.</summary>
internal sealed record CpioEntry(string Name, uint Mode, uint Uid, uint Gid, long MTime)
{
    /// <summary>The inode number; entries of one hard-linked file share it.</summary>
    public uint Inode { get; init; }

    /// <summary>How many entries name this inode.</summary>
    public uint Links { get; init; } = 1;

    /// <summary>The data size (a symlink's is its target's length).</summary>
    public long Size { get; init; }

    /// <summary>Device numbers of a character or block device.</summary>
    public uint DeviceMajor { get; init; }

    /// <summary>Device numbers of a character or block device.</summary>
    public uint DeviceMinor { get; init; }
}

/// <summary>
/// Writes the "new ASCII" (newc, magic 070701) cpio format the Linux kernel unpacks as an initramfs:
/// a 110-byte hex header, the NUL-terminated name padded to 4 bytes, the data padded to 4 bytes, and a
/// `TRAILER!!!` entry at the end.
/// </summary>
internal sealed class NewcCpioWriter
{
    private const int HeaderSize = 110;
    private readonly Stream _output;

    public NewcCpioWriter(Stream output)
    {
        _output = output;
    }

    public void Write(CpioEntry entry, Stream? data = null)
    {
        byte[] name = Encoding.UTF8.GetBytes(entry.Name + "\0");
        var header = new StringBuilder("070701", HeaderSize);
        foreach (long field in new long[]
        {
            entry.Inode, entry.Mode, entry.Uid, entry.Gid, entry.Links, entry.MTime, entry.Size,
            0, 0, entry.DeviceMajor, entry.DeviceMinor, name.Length, 0,
        })
        {
            if (field is < 0 or > uint.MaxValue)
            {
                throw new InvalidOperationException($"{entry.Name}: a cpio header field ({field}) does not fit 32 bits");
            }
            header.Append(field.ToString("x8", CultureInfo.InvariantCulture));
        }
        _output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _output.Write(name);
        Pad(HeaderSize + name.Length);
        if (entry.Size > 0)
        {
            ArgumentNullException.ThrowIfNull(data);
            long copied = Copy(data, entry.Size);
            if (copied != entry.Size)
            {
                throw new InvalidOperationException($"{entry.Name}: expected {entry.Size} bytes of data, got {copied}");
            }
            Pad(entry.Size);
        }
    }

    public void Finish()
    {
        Write(new CpioEntry("TRAILER!!!", 0, 0, 0, 0) { Links = 1 });
        _output.Flush();
    }

    private long Copy(Stream data, long size)
    {
        byte[] buffer = new byte[81920];
        long total = 0;
        while (total < size)
        {
            int read = data.Read(buffer, 0, (int)Math.Min(buffer.Length, size - total));
            if (read == 0)
            {
                break;
            }
            _output.Write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    private void Pad(long written)
    {
        int padding = (int)((4 - (written % 4)) % 4);
        if (padding > 0)
        {
            _output.Write(new byte[padding]);
        }
    }
}
