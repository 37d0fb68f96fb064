using System.Text.Json;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

/// <summary>Pushes to a real docker-registry without auth and checks the result with skopeo.</summary>
public sealed class OpenRegistryPushTests : IDisposable
{
    private readonly TestRegistry registry = TestRegistry.Start();
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        registry.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Two_tags_get_the_index_with_both_platforms_and_skopeo_copies_identical_blobs()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        ImageReference[] tags =
        [
            ImageReference.Parse($"{registry.Host}/test/app:v1"),
            ImageReference.Parse($"{registry.Host}/test/app:latest"),
        ];

        PushResult result = await LayoutPusher.PushAsync(layout.Directory, tags, RegistryTestOptions.Create(temp));

        Assert.Equal(layout.IndexDigest, result.Digest);
        Assert.Equal($"{registry.Host}/test/app@{layout.IndexDigest}", result.Reference.ToString());
        Assert.Equal(
            string.Concat(layout.ManifestDigests.Select(d => $"{registry.Host}/test/app@{d}\n")) + $"{registry.Host}/test/app@{layout.IndexDigest}\n",
            result.ImageRefs);
        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsUploaded);
        Assert.Equal(2, result.Counters.TagsWritten);

        string skopeo = RequiredTool.Find("skopeo", "skopeo");
        foreach (string tag in new[] { "v1", "latest" })
        {
            ProcessResult raw = ProcessRunner.Run(skopeo, ["inspect", "--tls-verify=false", "--raw", $"docker://{registry.Host}/test/app:{tag}"]);
            Assert.True(raw.ExitCode == 0, raw.ToString());
            Assert.Equal(File.ReadAllText(Path.Combine(layout.Directory, "blobs", "sha256", layout.IndexDigest[7..])), raw.StandardOutput.TrimEnd('\n'));
            using JsonDocument index = JsonDocument.Parse(raw.StandardOutput);
            Assert.Equal("amd64,arm64", string.Join(",", index.RootElement.GetProperty("manifests").EnumerateArray()
                .Select(m => m.GetProperty("platform").GetProperty("architecture").GetString())));
            Assert.Equal(layout.IndexDigest, await RegistryInspector.TagDigestAsync(registry.Host, "test/app", tag));
        }

        string copy = temp.Combine("copy");
        ProcessResult copied = ProcessRunner.Run(skopeo, ["copy", "--all", "--src-tls-verify=false", $"docker://{registry.Host}/test/app:v1", $"oci:{copy}:v1"]);
        Assert.True(copied.ExitCode == 0, copied.ToString());
        foreach (string blob in layout.BlobDigests.Concat(layout.ManifestDigests).Append(layout.IndexDigest))
        {
            Assert.Equal(File.ReadAllBytes(layout.BlobPath(blob)), File.ReadAllBytes(Path.Combine(copy, "blobs", "sha256", blob[7..])));
        }
    }
}
