using System.Net;
using System.Net.Sockets;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

/// <summary>Failures found before or without a registry: bad layouts, bad tags, nobody listening.</summary>
public sealed class PushFailureTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task An_unreachable_registry_is_a_network_error_naming_the_url()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        int port = ClosedPort();

        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse($"127.0.0.1:{port}/x/y:1")], RegistryTestOptions.Create(temp)));

        Assert.Equal(ErrorKind.Network, error.Kind);
        Assert.Contains($"cannot reach registry 127.0.0.1:{port} after 4 attempt(s)", error.Message);
        Assert.Contains($"http://127.0.0.1:{port}/v2/", error.Message);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task A_missing_layer_is_found_before_anything_is_sent()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        string victim = layout.BlobDigests.Last();
        File.Delete(layout.BlobPath(victim));

        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse($"127.0.0.1:{ClosedPort()}/x/y:1")], RegistryTestOptions.Create(temp)));

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains($"the layout has no blob {victim}", error.Message);
        Assert.Contains("referenced by manifest sha256:", error.Message);
    }

    [Fact]
    public async Task A_corrupt_manifest_or_wrong_size_is_an_integrity_error()
    {
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        File.AppendAllText(layout.BlobPath(layout.ManifestDigests[0]), " ");
        var corrupt = await Assert.ThrowsAsync<ImageDslException>(() =>
            LayoutPusher.PushAsync(layout.Directory, [ImageReference.Parse("127.0.0.1:1/x/y:1")], RegistryTestOptions.Create(temp)));
        Assert.Equal(ErrorKind.Integrity, corrupt.Kind);
        Assert.Contains($"does not match its digest {layout.ManifestDigests[0]}", corrupt.Message);

        TestLayout second = TestLayout.Create(temp.Combine("second"));
        File.AppendAllText(second.BlobPath(second.BlobDigests.First()), "x");
        var size = await Assert.ThrowsAsync<ImageDslException>(() =>
            LayoutPusher.PushAsync(second.Directory, [ImageReference.Parse("127.0.0.1:1/x/y:1")], RegistryTestOptions.Create(temp)));
        Assert.Contains("bytes, but manifest sha256:", size.Message);
    }

    [Fact]
    public async Task Not_a_layout_or_no_tag_is_a_configuration_error()
    {
        var notLayout = await Assert.ThrowsAsync<ImageDslException>(() =>
            LayoutPusher.PushAsync(temp.Path, [ImageReference.Parse("127.0.0.1:1/x/y:1")], RegistryTestOptions.Create(temp)));
        Assert.Equal(ErrorKind.Configuration, notLayout.Kind);
        Assert.Contains("is not an OCI image layout", notLayout.Message);

        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        var digestOnly = await Assert.ThrowsAsync<ImageDslException>(() => LayoutPusher.PushAsync(layout.Directory,
            [ImageReference.Parse("127.0.0.1:1/x/y@" + layout.IndexDigest)], RegistryTestOptions.Create(temp)));
        Assert.Contains("give a tag, not a digest", digestOnly.Message);
        await Assert.ThrowsAsync<ImageDslException>(() => LayoutPusher.PushAsync(layout.Directory, [], RegistryTestOptions.Create(temp)));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
