using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

/// <summary>Our layouts and tars, checked and run by the real OCI tools.</summary>
public class OciToolsTests
{
    private static ProcessResult Run(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    [Fact]
    public void A_single_arch_layout_validates_unpacks_and_runs_as_configured()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Amd64);
        string layout = work.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "v1");

        Run("oci-image-tool", "oci-image-tool", "validate", "--type", "image", "--ref", "name=v1", layout);
        string bundle = work.Combine("bundle");
        Run("umoci", "umoci", "unpack", "--image", layout + ":v1", bundle);

        string configPath = Path.Combine(bundle, "config.json");
        JsonNode spec = JsonNode.Parse(File.ReadAllText(configPath))!;
        Assert.Equal(1000, (int)spec["process"]!["user"]!["uid"]!);
        Assert.Equal("/home/app", (string?)spec["process"]!["cwd"]);
        spec["process"]!["terminal"] = false;
        File.WriteAllText(configPath, spec.ToJsonString());

        string id = "imagedsl-test-" + Guid.NewGuid().ToString("N")[..12];
        ProcessResult run = Run("runc", "runc", "run", "--bundle", bundle, id);
        Assert.Equal("ok\n1000\n/home/app\nhello-from-config\n", run.StandardOutput);
    }

    [Fact]
    public void The_image_tar_is_an_oci_archive_and_a_docker_archive()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Amd64);
        string tar = work.Combine("image.tar");
        ImageTarWriter.Write(tar, store, index, "example.com/test/busybox:v1");

        JsonNode oci = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "oci-archive:" + tar).StandardOutput)!;
        JsonNode docker = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "docker-archive:" + tar).StandardOutput)!;
        Assert.Equal("amd64", (string?)oci["Architecture"]);
        Assert.Equal("amd64", (string?)docker["Architecture"]);
        Assert.Equal(index.Images[0].Layers[0].Digest, (string?)oci["Layers"]![0]);
        Assert.Contains("VAR=hello-from-config", docker["Env"]!.AsArray().Select(e => (string?)e));

        Run("skopeo", "skopeo", "copy", "docker-archive:" + tar, "oci:" + work.Combine("back") + ":t");
        Assert.False(File.Exists(Directory.GetFiles(work.Path).FirstOrDefault(f => f.Contains(".tmp-", StringComparison.Ordinal)) ?? "/none"));
    }

    [Fact]
    public void A_two_arch_index_validates_and_lists_both_platforms()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Arm64, Architecture.Amd64);
        string layout = work.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "multi");
        string tar = work.Combine("multi.tar");
        ImageTarWriter.Write(tar, store, index, "test/multi:1");

        Run("oci-image-tool", "oci-image-tool", "validate", "--type", "image", layout);
        JsonNode raw = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "--raw", "oci:" + layout + ":multi").StandardOutput)!;
        Assert.Equal(OciMediaTypes.Index, (string?)raw["mediaType"]);
        Assert.Equal(["amd64", "arm64"], raw["manifests"]!.AsArray().Select(m => (string)m!["platform"]!["architecture"]!));

        JsonNode arm = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "--override-arch", "arm64", "oci-archive:" + tar).StandardOutput)!;
        Assert.Equal("arm64", (string?)arm["Architecture"]);
        JsonNode dockerArm = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "docker-archive:" + tar + ":test/multi:1-arm64").StandardOutput)!;
        Assert.Equal("arm64", (string?)dockerArm["Architecture"]);
    }

    [Fact]
    public void A_zstd_layer_copies_with_skopeo_unpacks_with_umoci_and_runs()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        var configuration = TestImages.Configuration();
        OciImage image = ImageWriter.WriteImage(
            new ImageRequest(TestImages.BusyboxTree(), configuration, Architecture.Amd64) { Compression = LayerCompression.Zstd }, store);
        OciImageIndex index = ImageWriter.WriteIndex([image], configuration, DateTimeOffset.UnixEpoch, store);
        string layout = work.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "zstd");

        JsonNode manifest = JsonNode.Parse(store.Read(image.Manifest.Digest))!;
        Assert.Equal(OciMediaTypes.ZstdLayer, (string?)manifest["layers"]![0]!["mediaType"]);
        // Not oci-image-tool: it predates the zstd media type (image-spec 1.0.2) and rejects it.
        string copied = work.Combine("dir");
        Run("skopeo", "skopeo", "copy", "oci:" + layout + ":zstd", "dir:" + copied);
        Assert.True(File.Exists(Path.Combine(copied, image.Layers[0].Digest[7..])), "skopeo did not copy the zstd layer as is");

        // umoci 0.4.7 (Debian 12) does not read zstd layers: skopeo decompresses ours (checking the
        // zstd stream end to end) into a gzip copy that umoci unpacks and runc runs.
        string converted = work.Combine("converted");
        Run("skopeo", "skopeo", "copy", "--dest-compress-format", "gzip", "oci:" + layout + ":zstd", "oci:" + converted + ":gzip");
        string bundle = work.Combine("bundle");
        Run("umoci", "umoci", "unpack", "--image", converted + ":gzip", bundle);
        string configPath = Path.Combine(bundle, "config.json");
        JsonNode spec = JsonNode.Parse(File.ReadAllText(configPath))!;
        Assert.Equal(1000, (int)spec["process"]!["user"]!["uid"]!);
        spec["process"]!["terminal"] = false;
        File.WriteAllText(configPath, spec.ToJsonString());
        ProcessResult run = Run("runc", "runc", "run", "--bundle", bundle, "imagedsl-test-" + Guid.NewGuid().ToString("N")[..12]);
        Assert.Equal("ok\n1000\n/home/app\nhello-from-config\n", run.StandardOutput);
    }
}
