using System.Text;

namespace ImageDsl.Formats.Tar;

/// <summary>The fields of one 512-byte ustar/GNU header block, before PAX records are applied.</summary>
internal sealed class TarHeaderBlock
{
    public required string Name { get; init; }
    public required char TypeFlag { get; init; }
    public required int Mode { get; init; }
    public required long Uid { get; init; }
    public required long Gid { get; init; }
    public required long Size { get; init; }
    public required long ModificationTime { get; init; }
    public required string LinkName { get; init; }
    public required string UserName { get; init; }
    public required string GroupName { get; init; }
    public required int DeviceMajor { get; init; }
    public required int DeviceMinor { get; init; }

    /// <summary>True when every byte of the block is zero (an end-of-archive block).</summary>
    public static bool IsZero(ReadOnlySpan<byte> block) => block.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Parses a header block; returns null with a reason when it is malformed.</summary>
    public static TarHeaderBlock? TryParse(ReadOnlySpan<byte> block, out string? error)
    {
        error = null;
        if (!ChecksumMatches(block))
        {
            error = "tar header checksum mismatch";
            return null;
        }
        bool ustar = block.Slice(257, 5).SequenceEqual("ustar"u8);
        string name = Text(block[..100]);
        string prefix = ustar && block[257 + 5] == 0 ? Text(block.Slice(345, 155)) : ""; // POSIX ustar only, not GNU
        if (prefix.Length > 0)
        {
            name = prefix + "/" + name;
        }
        if (!TryNumber(block.Slice(100, 8), out long mode) || !TryNumber(block.Slice(108, 8), out long uid)
            || !TryNumber(block.Slice(116, 8), out long gid) || !TryNumber(block.Slice(124, 12), out long size)
            || !TryNumber(block.Slice(136, 12), out long mtime) || !TryNumber(block.Slice(329, 8), out long major)
            || !TryNumber(block.Slice(337, 8), out long minor))
        {
            error = "a tar header holds a malformed number";
            return null;
        }
        if (major > int.MaxValue || minor > int.MaxValue)
        {
            error = "a tar header holds a device number above 2^31-1";
            return null;
        }
        if (size < 0)
        {
            error = "a tar header holds a negative size";
            return null;
        }
        return new TarHeaderBlock
        {
            Name = name,
            TypeFlag = block[156] == 0 ? '0' : (char)block[156],
            Mode = (int)(mode & 0xFFF), // permission bits plus setuid/setgid/sticky
            Uid = uid,
            Gid = gid,
            Size = size,
            ModificationTime = mtime,
            LinkName = Text(block.Slice(157, 100)),
            UserName = ustar ? Text(block.Slice(265, 32)) : "",
            GroupName = ustar ? Text(block.Slice(297, 32)) : "",
            DeviceMajor = (int)major,
            DeviceMinor = (int)minor,
        };
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>Octal (NUL/space padded) or GNU base-256 (high bit set) numbers.</summary>
    private static bool TryNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x40) != 0)
            {
                return false; // negative base-256 values have no use here
            }
            value = field[0] & 0x3F;
            for (int i = 1; i < field.Length; i++)
            {
                if (value > (long.MaxValue >> 8))
                {
                    return false;
                }
                value = (value << 8) | field[i];
            }
            return true;
        }
        int start = 0;
        while (start < field.Length && field[start] == (byte)' ')
        {
            start++;
        }
        for (int i = start; i < field.Length; i++)
        {
            byte b = field[i];
            if (b is 0 or (byte)' ')
            {
                return true;
            }
            if (b is < (byte)'0' or > (byte)'7' || value > (long.MaxValue >> 3))
            {
                return false;
            }
            value = (value << 3) + (b - '0');
        }
        return true;
    }

    private static bool ChecksumMatches(ReadOnlySpan<byte> block)
    {
        long sum = 0;
        for (int i = 0; i < 512; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : block[i];
        }
        return TryNumber(block.Slice(148, 8), out long stored) && stored == sum;
    }
}
