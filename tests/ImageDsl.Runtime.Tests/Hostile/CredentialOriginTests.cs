using System.Security.Cryptography;
using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Class 2: credentials go only to the origin (scheme, host, port) they were given for. Hostile
/// loopback servers point an upload's Location, or a redirect, at a second server on another loopback
/// address; the second server must never see an Authorization header.
/// </summary>
public sealed class CredentialOriginTests : IDisposable
{
    private const string Password = "s3cret-never-elsewhere";
    private readonly TempDirectory _temp = new("imagedsl-origin");
    private readonly HostileHttpServer _elsewhere;

    public CredentialOriginTests()
    {
        // Another loopback address: another host as far as origins go.
        _elsewhere = new HostileHttpServer((request, stream, _) =>
            HostileHttpServer.AnswerAsync(stream, request.Method == "PUT" ? 201 : 200, "", ("Docker-Content-Digest", "sha256:" + new string('0', 64))), "127.0.0.2");
    }

    public void Dispose()
    {
        _elsewhere.Dispose();
        _temp.Dispose();
    }

    private PushOptions Options() => new()
    {
        DockerConfigDirectory = _temp.Combine("docker-config"),
        CredentialHelperSearchPath = "",
        Credentials = new RegistryCredential("alice", Password),
        Retry = RetryPolicy.None,
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>A registry asking for Basic auth, whose upload sessions live at <paramref name="location"/>.</summary>
    private static HostileHttpServer Registry(Func<HostileRequest, string?> location, Func<HostileRequest, int>? blobHead = null) =>
        new(async (request, stream, _) =>
        {
            string basic = "Basic realm=\"hostile\"";
            if (request.Authorization is null)
            {
                await HostileHttpServer.AnswerAsync(stream, 401, "", ("WWW-Authenticate", basic));
            }
            else if (request.Method == "POST")
            {
                await HostileHttpServer.AnswerAsync(stream, 202, "", ("Location", location(request)!));
            }
            else if (request.Method == "HEAD" && blobHead is not null)
            {
                int status = blobHead(request);
                await HostileHttpServer.AnswerAsync(stream, status, "", status is 307 or 302 ? [("Location", location(request)!)] : []);
            }
            else
            {
                await HostileHttpServer.AnswerAsync(stream, 404, "");
            }
        });

    private (string Path, string Digest, long Size) Blob()
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(1000);
        string path = _temp.Combine("blob");
        File.WriteAllBytes(path, bytes);
        return (path, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }

    [Fact]
    public async Task An_upload_location_on_another_host_gets_no_credentials()
    {
        using HostileHttpServer registry = Registry(_ => $"{_elsewhere.Origin}/steal/upload-1?state=abc");
        (string path, string digest, long size) = Blob();
        using var client = new RegistryClient(registry.HostPort, Options());

        await client.UploadBlobAsync("team/app", digest, size, path);

        Assert.Contains(registry.Requests, r => r.Method == "POST" && r.Authorization is { } a && a.StartsWith("Basic ", StringComparison.Ordinal));
        HostileRequest put = Assert.Single(_elsewhere.Requests, r => r.Method == "PUT");
        Assert.Null(put.Authorization);
    }

    [Fact]
    public async Task An_upload_location_on_another_port_of_the_same_host_gets_no_credentials()
    {
        using var samehost = new HostileHttpServer((request, stream, _) => HostileHttpServer.AnswerAsync(stream, 201, ""));
        using HostileHttpServer registry = Registry(_ => $"{samehost.Origin}/upload-2");
        (string path, string digest, long size) = Blob();
        using var client = new RegistryClient(registry.HostPort, Options());

        await client.UploadBlobAsync("team/app", digest, size, path);

        Assert.All(samehost.Requests, r => Assert.Null(r.Authorization));
        Assert.NotEmpty(samehost.Requests);
    }

    [Fact]
    public async Task A_location_elsewhere_that_asks_for_credentials_fails_clearly_without_getting_them()
    {
        using var greedy = new HostileHttpServer((request, stream, _) =>
            HostileHttpServer.AnswerAsync(stream, 401, "", ("WWW-Authenticate", "Basic realm=\"give me\"")), "127.0.0.3");
        using HostileHttpServer registry = Registry(_ => $"{greedy.Origin}/upload-3");
        (string path, string digest, long size) = Blob();
        using var client = new RegistryClient(registry.HostPort, Options());

        var error = await Assert.ThrowsAnyAsync<ImageDslException>(() => client.UploadBlobAsync("team/app", digest, size, path));

        Assert.Contains("never sent to another host, port or scheme", error.ToString());
        Assert.All(greedy.Requests, r => Assert.Null(r.Authorization));
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Fact]
    public async Task A_redirect_to_another_host_gets_no_credentials()
    {
        using HostileHttpServer registry = Registry(_ => $"{_elsewhere.Origin}/redirected-blob", blobHead: _ => 307);
        using var client = new RegistryClient(registry.HostPort, Options());

        Assert.True(await client.BlobExistsAsync("team/app", "sha256:" + new string('1', 64)));

        Assert.Contains(registry.Requests, r => r.Method == "HEAD" && r.Authorization is not null);
        HostileRequest redirected = Assert.Single(_elsewhere.Requests);
        Assert.Null(redirected.Authorization);
    }

    [Fact]
    public async Task A_repository_redirect_to_another_host_gets_no_credentials()
    {
        using var repository = new HostileHttpServer((request, stream, _) =>
            HostileHttpServer.AnswerAsync(stream, 302, "", ("Location", $"{_elsewhere.Origin}{request.Target}")));
        string url = repository.Origin.Replace("http://", $"http://alice:{Password}@") + "/alpine/main";
        using var client = new RepositoryClient(new RepositoryClientOptions { CacheDirectory = _temp.Combine("cache"), HttpAuth = null, MaxAttempts = 1 });

        await Assert.ThrowsAnyAsync<ImageDslException>(() =>
            client.GetIndexAsync(ApkRepository.Parse(url), "x86_64", new ImageDsl.Apk.Signing.Keyring([])));

        Assert.Contains(repository.Requests, r => r.Authorization is not null);
        HostileRequest redirected = Assert.Single(_elsewhere.Requests);
        Assert.Null(redirected.Authorization);
    }

    [Theory]
    [InlineData("https://r.test/v2/", "https://r.test:443/x", true)]
    [InlineData("https://r.test/v2/", "http://r.test/x", false)]
    [InlineData("https://r.test/v2/", "https://r.test:8443/x", false)]
    [InlineData("https://r.test/v2/", "https://evil.test/x", false)]
    [InlineData("https://R.TEST/v2/", "https://r.test/x", true)]
    public void Origins_compare_scheme_host_and_port(string a, string b, bool same) =>
        Assert.Equal(same, RequestOrigin.Same(new Uri(a), new Uri(b)));
}
