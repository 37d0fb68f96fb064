using System.Runtime.InteropServices;
using Architecture = ImageDsl.Model.Architecture;
using System.Security.Cryptography;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

[Collection(ProcessWideStateCollection.Name)]
public class ReproducibilityTests
{
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);

    [Fact]
    public void Two_builds_in_other_folders_time_zones_and_umasks_give_identical_bytes()
    {
        string? tz = Environment.GetEnvironmentVariable("TZ");
        var digests = new List<(string Index, string Tar)>();
        try
        {
            foreach (var (zone, mask) in new[] { ("Asia/Kathmandu", 0x12u), ("America/St_Johns", 0x3Fu) })
            {
                Environment.SetEnvironmentVariable("TZ", zone);
                TimeZoneInfo.ClearCachedData();
                uint previous = SetUmask(mask);
                try
                {
                    using var work = new TempDirectory("imagedsl-repro");
                    var store = new BlobStore(work.Combine("store"));
                    OciImageIndex index = TestImages.Build(store, Architecture.Amd64, Architecture.Arm64);
                    ImageTarWriter.Write(work.Combine("image.tar"), store, index, "repro:1");
                    OciLayoutWriter.Write(work.Combine("layout"), store, index);
                    string tarHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(work.Combine("image.tar"))));
                    digests.Add((index.Index.Digest, tarHash));
                    Assert.Equal(File.ReadAllBytes(work.Combine("layout", "index.json")).Length,
                        new FileInfo(work.Combine("layout", "index.json")).Length);
                }
                finally
                {
                    SetUmask(previous);
                }
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", tz);
            TimeZoneInfo.ClearCachedData();
        }
        Assert.Equal(digests[0], digests[1]);
    }
}
