using System.Security.Cryptography;
using System.Text;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// Pulling (base images) from a registry that lies: every manifest and blob is checked against its
/// digest, bodies are bounded, nothing damaged is kept, and a blob redirect to another origin gets no
/// credentials.
/// </summary>
public sealed class PullVerificationTests
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}");
    private static readonly byte[] Blob = Encoding.UTF8.GetBytes("the real layer bytes");

    private static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A registry that answers /v2/ and then whatever <paramref name="handle"/> does.</summary>
    private static Task<LoopbackHttpServer> Lying(Func<HttpContext, Task> handle) => LoopbackHttpServer.StartAsync(async context =>
    {
        if (context.Request.Path == "/v2/")
        {
            return;
        }
        await handle(context);
    });

    private static async Task<ImageDslException> Fails(Func<Task> action) => await Assert.ThrowsAsync<ImageDslException>(action);

    [Fact]
    public async Task A_manifest_is_checked_against_the_digest_asked_for_and_the_one_the_registry_claims()
    {
        using var temp = new TempDirectory();
        await using LoopbackHttpServer server = await Lying(async context =>
        {
            string path = context.Request.Path.Value!;
            context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
            context.Response.Headers["Docker-Content-Digest"] = path.EndsWith("/lying", StringComparison.Ordinal) ? Digest(Blob) : Digest(Manifest);
            await context.Response.Body.WriteAsync(path.EndsWith("/huge", StringComparison.Ordinal) ? new byte[5 * 1024 * 1024] : Manifest);
        });
        using var client = new RegistryClient(server.HostAndPort, RegistryTestOptions.Create(temp));

        RegistryManifest good = await client.GetManifestAsync("x", "good");
        Assert.Equal(Digest(Manifest), good.Digest);
        Assert.Equal(Manifest, good.Content);
        Assert.Equal(Digest(Manifest), (await client.GetManifestAsync("x", Digest(Manifest))).Digest);

        ImageDslException lying = await Fails(() => client.GetManifestAsync("x", "lying"));
        Assert.Equal(ErrorKind.Integrity, lying.Kind);
        Assert.Contains($"the registry says the manifest is {Digest(Blob)}", lying.Message);

        ImageDslException swapped = await Fails(() => client.GetManifestAsync("x", Digest(Blob)));
        Assert.Equal(ErrorKind.Integrity, swapped.Kind);
        Assert.Contains($"not the {Digest(Blob)} asked for", swapped.Message);

        ImageDslException huge = await Fails(() => client.GetManifestAsync("x", "huge"));
        Assert.Equal(ErrorKind.Integrity, huge.Kind);
        Assert.Contains("larger than 4 MiB", huge.Message);
    }

    [Theory]
    [InlineData("other", "bytes received have digest")]
    [InlineData("longer", "more than the")]
    public async Task A_blob_that_is_not_what_its_digest_says_is_refused_and_not_kept(string served, string message)
    {
        using var temp = new TempDirectory();
        await using LoopbackHttpServer server = await Lying(async context =>
        {
            // Chunked (no Content-Length), so the client only learns the size by reading.
            byte[] body = served == "other" ? Encoding.UTF8.GetBytes("the fake layer bytes") : [.. Blob, .. Blob];
            await context.Response.Body.WriteAsync(body);
        });
        using var client = new RegistryClient(server.HostAndPort, RegistryTestOptions.Create(temp));
        string destination = temp.Combine("blob.tmp");
        ImageDslException error = await Fails(() => client.DownloadBlobAsync("x", Digest(Blob), Blob.Length, destination));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains(message, error.Message);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task A_blob_redirected_to_another_origin_is_fetched_there_without_the_registrys_credentials()
    {
        using var temp = new TempDirectory();
        string? authorizationAtStorage = "not asked";
        await using LoopbackHttpServer storage = await LoopbackHttpServer.StartAsync(async context =>
        {
            authorizationAtStorage = context.Request.Headers.Authorization.ToString();
            await context.Response.Body.WriteAsync(Blob);
        });
        string? authorizationAtRegistry = null;
        await using LoopbackHttpServer registry = await LoopbackHttpServer.StartAsync(context =>
        {
            authorizationAtRegistry = context.Request.Headers.Authorization.ToString();
            if (authorizationAtRegistry.Length == 0)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return Task.CompletedTask;
            }
            if (context.Request.Path.StartsWithSegments("/v2/x/blobs"))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = $"http://{storage.HostAndPort}/bucket/blob";
            }
            return Task.CompletedTask;
        });
        PushOptions options = RegistryTestOptions.Create(temp);
        using var client = new RegistryClient(registry.HostAndPort, new PushOptions
        {
            Credentials = new RegistryCredential("puller", "pa55"),
            DockerConfigDirectory = options.DockerConfigDirectory,
            CredentialHelperSearchPath = "",
            Retry = options.Retry,
        });
        string destination = temp.Combine("blob");
        await client.DownloadBlobAsync("x", Digest(Blob), Blob.Length, destination);
        Assert.Equal(Blob, File.ReadAllBytes(destination));
        Assert.StartsWith("Basic ", authorizationAtRegistry);
        Assert.Equal("", authorizationAtStorage);
    }
}
