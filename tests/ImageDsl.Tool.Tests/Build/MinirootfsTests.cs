using System.Formats.Tar;
using System.IO.Compression;

namespace ImageDsl.Tests.Build;

public class MinirootfsTests
{
    [Theory]
    [InlineData("rootfs.tar", false)]
    [InlineData("rootfs.tar.gz", true)]
    public async Task Minirootfs_is_a_plain_or_gzipped_tar_of_the_image_filesystem(string name, bool gzip)
    {
        using var work = new TempDirectory();
        string config = ReplayoutConfig.Write(work);
        string output = work.Combine(name);
        var result = await CliRun.Run("build-minirootfs", config, output, "--build-arch", "arm64", "--cache-dir", work.Combine("cache"));
        Assert.True(result.Exit == 0, result.Err);

        using Stream file = File.OpenRead(output);
        Assert.Equal(gzip, file.ReadByte() == 0x1f);
        file.Position = 0;
        using Stream tar = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new TarReader(tar);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }
        Assert.Contains("etc/os-release", names);
        Assert.Contains("etc/apk/arch", names);
    }
}
