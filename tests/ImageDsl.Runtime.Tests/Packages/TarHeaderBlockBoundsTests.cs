using ImageDsl.Apk.Packages;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.Packages;

/// <summary>Numbers in tar headers that do not fit the fields they feed are malformed headers, not truncated values.</summary>
public class TarHeaderBlockBoundsTests
{
    [Theory]
    [InlineData(329)] // devmajor
    [InlineData(337)] // devminor
    public void A_device_number_beyond_2_to_the_31_is_refused_not_truncated(int field)
    {
        var tar = new MemoryStream();
        AbuildTar.Writer(tar).WriteEntry(AbuildTar.Entry("dev/null", '3') with { DeviceMajor = 1, DeviceMinor = 3 });
        byte[] block = tar.ToArray()[..512];
        // GNU base-256: high bit set, then the value big-endian; 2^32 would be truncated to device 0.
        block.AsSpan(field, 8).Clear();
        block[field] = 0x80;
        block[field + 3] = 0x01;
        Rechecksum(block);

        Assert.Null(TarHeaderBlock.TryParse(block, out string? error));
        Assert.Equal("a tar header holds a device number above 2^31-1", error);
    }

    private static void Rechecksum(byte[] block)
    {
        block.AsSpan(148, 8).Fill((byte)' ');
        int sum = block.Sum(b => b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block, 148);
    }
}
