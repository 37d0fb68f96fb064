using System.Collections.Concurrent;
using System.Diagnostics;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Registry;

/// <summary>A registry behind a fault-injecting proxy, a layout, and checks of what a push left.</summary>
public abstract class FaultProxyTestBase : IAsyncLifetime
{
    protected readonly TestRegistry registry = TestRegistry.Start();
    protected readonly TempDirectory temp = new();
    private readonly ConcurrentDictionary<string, int> seen = new();
    protected FaultProxy proxy = null!;
    protected TestLayout layout = null!;

    public async Task InitializeAsync()
    {
        proxy = await FaultProxy.StartAsync(registry.Host);
        layout = TestLayout.Create(temp.Combine("layout"));
    }

    public async Task DisposeAsync()
    {
        await proxy.DisposeAsync();
        registry.Dispose();
        temp.Dispose();
    }

    protected Task<PushResult> PushAsync(string repository, params string[] tags) => PushAsync(repository, new PushOptions(), tags);

    protected Task<PushResult> PushAsync(string repository, PushOptions overrides, params string[] tags)
    {
        PushOptions defaults = RegistryTestOptions.Create(temp);
        var options = new PushOptions
        {
            DockerConfigDirectory = defaults.DockerConfigDirectory,
            CredentialHelperSearchPath = "",
            Retry = defaults.Retry,
            RequestTimeout = overrides.RequestTimeout,
        };
        return LayoutPusher.PushAsync(layout.Directory, tags.Select(t => ImageReference.Parse($"{proxy.Host}/{repository}:{t}")).ToArray(), options);
    }

    protected async Task AssertCompleteAsync(string repository, params string[] tags) =>
        Assert.Empty(await RegistryInspector.MissingContentAsync(registry.Host, repository, tags));

    /// <summary>True the first time a request with this method and path (uploads: and blob digest) is seen.</summary>
    protected bool First(HttpRequest request)
    {
        string path = request.Path.Value!;
        string key = request.Method + " " + (path.Contains("/blobs/uploads/") ? request.Query["digest"].ToString() : path);
        return seen.AddOrUpdate(key, 1, (_, n) => n + 1) == 1;
    }

    protected static bool IsBlobPut(HttpRequest request) =>
        request.Method == "PUT" && request.Path.Value!.Contains("/blobs/uploads/");

    protected static bool IsManifestPut(HttpRequest request) =>
        request.Method == "PUT" && request.Path.Value!.Contains("/manifests/");
}
