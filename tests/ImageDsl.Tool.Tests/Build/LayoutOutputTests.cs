using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>`build` into an existing folder writes apko's layout shape, which skopeo and umoci read per architecture.</summary>
public class LayoutOutputTests
{
    [Fact]
    public async Task A_two_arch_build_into_a_folder_is_the_index_and_skopeo_and_umoci_pick_each_arch()
    {
        using var work = new TempDirectory();
        string config = ReplayoutConfig.Write(work, "archs: [x86_64, aarch64]\n");
        string layout = work.Combine("layout");
        Directory.CreateDirectory(layout);
        var result = await CliRun.Run("build", config, "example.com/app:1", layout, "--sbom=false", "--cache-dir", work.Combine("cache"));
        Assert.True(result.Exit == 0, result.Err);
        string digest = result.Out.Trim();

        JsonNode index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        Assert.Equal("application/vnd.oci.image.index.v1+json", (string?)index["mediaType"]);
        Assert.Equal(["1-amd64", "1-arm64"], index["manifests"]!.AsArray().Select(m => (string)m!["annotations"]!["org.opencontainers.image.ref.name"]!));
        Assert.True(File.Exists(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..])), "the printed index digest is a blob of the layout");

        string skopeo = RequiredTool.Find("skopeo", "skopeo");
        string umoci = RequiredTool.Find("umoci", "umoci");
        foreach (string arch in new[] { "amd64", "arm64" })
        {
            ProcessResult inspect = ProcessRunner.Run(skopeo, ["inspect", $"oci:{layout}:1-{arch}"]);
            Assert.True(inspect.ExitCode == 0, inspect.ToString());
            Assert.Equal(arch, (string?)JsonNode.Parse(inspect.StandardOutput)!["Architecture"]);
            ProcessResult unpack = ProcessRunner.Run(umoci, ["unpack", "--rootless", "--image", $"{layout}:1-{arch}", work.Combine("bundle-" + arch)]);
            Assert.True(unpack.ExitCode == 0, unpack.ToString());
            Assert.True(File.Exists(work.Combine("bundle-" + arch, "rootfs", "etc", "apk", "arch")));
            Assert.Equal(arch == "amd64" ? "x86_64\n" : "aarch64\n", File.ReadAllText(work.Combine("bundle-" + arch, "rootfs", "etc", "apk", "arch")));
        }
    }
}
