using ImageDsl.Progress;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tests.ConsoleOutput;

public class ByteSizeTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KB")]
    [InlineData(1280, "1.2 KB")] // exact half rounds to even, as Go's %.1f does
    [InlineData(1792, "1.8 KB")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(1048575, "1024.0 KB")] // the unit is chosen before rounding, as apko does
    [InlineData(1048576, "1.0 MB")]
    [InlineData(3_276_800, "3.1 MB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GB")]
    public void Formats_sizes_as_apko_clean_does(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));
}
