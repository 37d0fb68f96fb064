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
    public void A_two_arch_layout_is_the_image_index_and_each_tool_picks_one_arch_by_its_ref_name()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Arm64, Architecture.Amd64);
        string layout = work.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "multi");
        string tar = work.Combine("multi.tar");
        ImageTarWriter.Write(tar, store, index, "test/multi:1");

        // apko's shape: index.json is the image index (same entries, platforms and annotations), each
        // entry with a ref name added.
        JsonNode indexJson = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        Assert.Equal(OciMediaTypes.Index, (string?)indexJson["mediaType"]);
        Assert.Equal(["multi-amd64", "multi-arm64"],
            indexJson["manifests"]!.AsArray().Select(m => (string)m!["annotations"]!["org.opencontainers.image.ref.name"]!));
        foreach (JsonNode? entry in indexJson["manifests"]!.AsArray())
        {
            entry!.AsObject().Remove("annotations");
        }
        JsonNode blob = JsonNode.Parse(File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", index.Index.Hex)))!;
        Assert.True(JsonNode.DeepEquals(blob, indexJson), indexJson.ToJsonString());

        Run("oci-image-tool", "oci-image-tool", "validate", "--type", "image", "--ref", "name=multi-arm64", layout);
        foreach ((string arch, OciImage image) in new[] { ("amd64", index.Images[0]), ("arm64", index.Images[1]) })
        {
            JsonNode inspected = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "oci:" + layout + ":multi-" + arch).StandardOutput)!;
            Assert.Equal(arch, (string?)inspected["Architecture"]);
            Assert.Equal(image.Manifest.Digest, (string?)inspected["Digest"]);

            Run("skopeo", "skopeo", "copy", "oci:" + layout + ":multi-" + arch, "oci:" + work.Combine("copy-" + arch) + ":x");
            JsonNode copied = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "oci:" + work.Combine("copy-" + arch) + ":x").StandardOutput)!;
            Assert.Equal(arch, (string?)copied["Architecture"]);

            string bundle = work.Combine("bundle-" + arch);
            Run("umoci", "umoci", "unpack", "--rootless", "--image", layout + ":multi-" + arch, bundle);
            // umoci names its mtree after the manifest it unpacked.
            Assert.True(File.Exists(Path.Combine(bundle, image.Manifest.Digest.Replace(':', '_') + ".mtree")),
                string.Join(", ", Directory.GetFiles(bundle).Select(Path.GetFileName)));
        }

        JsonNode arm = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "--override-arch", "arm64", "oci-archive:" + tar).StandardOutput)!;
        Assert.Equal("arm64", (string?)arm["Architecture"]);
        JsonNode dockerArm = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "docker-archive:" + tar + ":test/multi:1-arm64").StandardOutput)!;
        Assert.Equal("arm64", (string?)dockerArm["Architecture"]);
    }

    [Fact]
    public void A_single_arch_layout_is_the_image_index_with_the_tag_as_ref_name()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Amd64);
        string layout = work.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "v1");

        JsonNode indexJson = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        Assert.Equal(OciMediaTypes.Index, (string?)indexJson["mediaType"]);
        JsonNode entry = indexJson["manifests"]!.AsArray().Single()!;
        Assert.Equal("v1", (string?)entry["annotations"]!["org.opencontainers.image.ref.name"]);
        Assert.Equal("amd64", (string?)entry["platform"]!["architecture"]);
        Assert.Equal("Busybox", (string?)indexJson["annotations"]!["org.opencontainers.image.title"]);
        JsonNode inspected = JsonNode.Parse(Run("skopeo", "skopeo", "inspect", "oci:" + layout + ":v1").StandardOutput)!;
        Assert.Equal(index.Images[0].Manifest.Digest, (string?)inspected["Digest"]);
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
