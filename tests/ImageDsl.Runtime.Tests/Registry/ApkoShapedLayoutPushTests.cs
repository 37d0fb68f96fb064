using System.Security.Cryptography;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Oci.Registry;
using ImageDsl.Tests.Oci;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// Layouts whose index.json is the image index itself (apko's shape, and ours with ref names added) are
/// pushed as that index, to a real docker-registry.
/// </summary>
public sealed class ApkoShapedLayoutPushTests : IDisposable
{
    private readonly TestRegistry registry = TestRegistry.Start();
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        registry.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Our_multi_arch_layout_pushes_the_built_index_when_asked_for_its_digest()
    {
        var store = new BlobStore(temp.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Amd64, Architecture.Arm64);
        string layout = temp.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "multi");

        var options = new PushOptions
        {
            DockerConfigDirectory = temp.Combine("docker-config"),
            CredentialHelperSearchPath = "",
            Retry = RegistryTestOptions.FastRetry,
            LayoutEntry = index.Index.Digest,
        };
        PushResult result = await LayoutPusher.PushAsync(layout, [ImageReference.Parse($"{registry.Host}/shape/ours:1")], options);

        Assert.Equal(index.Index.Digest, result.Digest);
        Assert.Equal(index.Index.Digest, await RegistryInspector.TagDigestAsync(registry.Host, "shape/ours", "1"));
        Assert.Equal(2, result.ImageRefs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task An_apko_layout_without_ref_names_pushes_index_json_itself()
    {
        var store = new BlobStore(temp.Combine("store"));
        OciImageIndex index = TestImages.Build(store, Architecture.Amd64, Architecture.Arm64);
        string layout = temp.Combine("layout");
        OciLayoutWriter.Write(layout, store, index, "multi");
        // What apko's layout.Write leaves: index.json is exactly the index blob, which is not in blobs/.
        string blob = Path.Combine(layout, "blobs", "sha256", index.Index.Hex);
        File.Copy(blob, Path.Combine(layout, "index.json"), overwrite: true);
        File.Delete(blob);

        PushResult result = await LayoutPusher.PushAsync(layout, [ImageReference.Parse($"{registry.Host}/shape/apko:1")], RegistryTestOptions.Create(temp));

        string expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(layout, "index.json"))));
        Assert.Equal(index.Index.Digest, expected);
        Assert.Equal(expected, result.Digest);
        Assert.Equal(expected, await RegistryInspector.TagDigestAsync(registry.Host, "shape/apko", "1"));
        Assert.Equal(
            index.Images.Select(i => i.Manifest.Digest),
            result.ImageRefs.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Select(r => r[(r.IndexOf('@') + 1)..]));
    }
}
