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
        string refs = temp.Combine("image-refs");
        await result.WriteImageRefsAsync(refs);
        Assert.Equal(result.ImageRefs, File.ReadAllText(refs));
        Assert.Equal(3, File.ReadAllLines(refs).Length);

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

    [Fact]
    public async Task Pushing_the_same_image_again_uploads_no_blob()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        await using FaultProxy proxy = await FaultProxy.StartAsync(registry.Host);
        ImageReference[] tags = [ImageReference.Parse($"{proxy.Host}/again/app:1")];
        PushResult first = await LayoutPusher.PushAsync(layout.Directory, tags, RegistryTestOptions.Create(temp));
        Assert.Equal(layout.BlobDigests.Count, first.Counters.BlobsUploaded);
        int uploadsBefore = proxy.BlobUploadRequests;
        Assert.True(uploadsBefore >= 2 * layout.BlobDigests.Count, $"expected POST+PUT per blob, saw {uploadsBefore}");

        PushResult second = await LayoutPusher.PushAsync(layout.Directory, tags, RegistryTestOptions.Create(temp));

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(uploadsBefore, proxy.BlobUploadRequests);
        Assert.Equal(0, second.Counters.BlobsUploaded);
        Assert.Equal(layout.BlobDigests.Count, second.Counters.BlobsExisting);
        Assert.Equal(2, second.Counters.ManifestsExisting);
        Assert.All(proxy.Requests, r => Assert.StartsWith("dotnet-image/", r.UserAgent));
    }

    [Fact]
    public async Task A_second_repository_on_the_same_registry_gets_its_blobs_by_mount()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        await using FaultProxy proxy = await FaultProxy.StartAsync(registry.Host);
        ImageReference[] tags =
        [
            ImageReference.Parse($"{proxy.Host}/team/one:1"),
            ImageReference.Parse($"{proxy.Host}/team/two:1"),
            ImageReference.Parse($"{proxy.Host}/team/two:stable"),
        ];

        PushResult result = await LayoutPusher.PushAsync(layout.Directory, tags, RegistryTestOptions.Create(temp));

        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsUploaded);
        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsMounted);
        Assert.Equal(layout.BlobDigests.Count, proxy.Requests.Count(r => r.Query.Contains("mount=", StringComparison.Ordinal) && r.Query.Contains("from=team%2Fone", StringComparison.Ordinal)));
        Assert.Equal($"{proxy.Host}/team/one@{layout.IndexDigest}", result.Reference.ToString());
        foreach ((string repository, string tag) in new[] { ("team/one", "1"), ("team/two", "1"), ("team/two", "stable") })
        {
            Assert.Equal(layout.IndexDigest, await RegistryInspector.TagDigestAsync(registry.Host, repository, tag));
        }
        Assert.Empty(await RegistryInspector.MissingContentAsync(registry.Host, "team/two", "1", "stable"));
    }

    [Fact]
    public async Task Large_blobs_go_up_in_chunks_and_arrive_intact()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"), layerSize: 300_000);
        await using FaultProxy proxy = await FaultProxy.StartAsync(registry.Host);
        PushOptions options = RegistryTestOptions.Create(temp);
        options = new PushOptions
        {
            DockerConfigDirectory = options.DockerConfigDirectory,
            Retry = options.Retry,
            ChunkedUploadThreshold = 100_000,
            ChunkSize = 64 * 1024,
        };

        PushResult result = await LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse($"{proxy.Host}/chunked/app:1")], options);

        Assert.Equal(layout.IndexDigest, result.Digest);
        Assert.True(proxy.Requests.Count(r => r.Method == "PATCH") >= 5, "the large layers should be sent in several PATCH chunks");
        Assert.Empty(await RegistryInspector.MissingContentAsync(registry.Host, "chunked/app", "1"));
        string copy = temp.Combine("copy");
        ProcessResult copied = ProcessRunner.Run(RequiredTool.Find("skopeo", "skopeo"), ["copy", "--all", "--src-tls-verify=false", $"docker://{registry.Host}/chunked/app:1", $"oci:{copy}:1"]);
        Assert.True(copied.ExitCode == 0, copied.ToString());
        foreach (string blob in layout.BlobDigests)
        {
            Assert.Equal(File.ReadAllBytes(layout.BlobPath(blob)), File.ReadAllBytes(Path.Combine(copy, "blobs", "sha256", blob[7..])));
        }
    }

    [Fact]
    public async Task A_registry_that_refuses_monolithic_uploads_gets_chunks()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        await using FaultProxy proxy = await FaultProxy.StartAsync(registry.Host);
        proxy.Rule = request => request.Method == "PUT" && request.Path.Value!.Contains("/blobs/uploads/") && request.ContentLength > 0
            ? new Fault.Status(413)
            : null;

        PushResult result = await LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse($"{proxy.Host}/fallback/app:1")], RegistryTestOptions.Create(temp));

        Assert.Equal(layout.BlobDigests.Count, result.Counters.BlobsUploaded);
        Assert.Equal(layout.BlobDigests.Count, proxy.Requests.Count(r => r.Method == "PATCH"));
        Assert.Empty(await RegistryInspector.MissingContentAsync(registry.Host, "fallback/app", "1"));
    }

    [Fact]
    public async Task The_client_api_checks_mounts_and_puts_single_blobs_and_manifests()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        using var client = new RegistryClient(registry.Host, RegistryTestOptions.Create(temp));
        string blob = layout.BlobDigests.First();
        long size = new FileInfo(layout.BlobPath(blob)).Length;

        Assert.False(await client.BlobExistsAsync("api/one", blob));
        Assert.False(await client.UploadBlobAsync("api/one", blob, size, layout.BlobPath(blob)));
        Assert.True(await client.BlobExistsAsync("api/one", blob));
        Assert.True(await client.MountBlobAsync("api/two", blob, "api/one"));
        Assert.True(await client.BlobExistsAsync("api/two", blob));

        byte[] manifest = System.Text.Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{TestLayout.ManifestType}\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{blob}\",\"size\":{size}}},\"layers\":[]}}");
        string digest = await client.PutManifestAsync("api/one", "t", manifest, TestLayout.ManifestType);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(manifest)), digest);
        Assert.True(await client.ManifestExistsAsync("api/one", "t"));
        Assert.True(await client.ManifestExistsAsync("api/one", digest));
        Assert.False(await client.ManifestExistsAsync("api/one", "nope"));

        byte[] dangling = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(manifest).Replace(blob, "sha256:" + new string('0', 64)));
        var error = await Assert.ThrowsAsync<ImageDsl.Errors.ImageDslException>(() => client.PutManifestAsync("api/one", "dangling", dangling, TestLayout.ManifestType));
        Assert.Contains("HTTP 400: MANIFEST_BLOB_UNKNOWN", error.Message);
        Assert.Equal(1, client.Counters.BlobsUploaded);
        Assert.Equal(1, client.Counters.BlobsMounted);
    }
}
