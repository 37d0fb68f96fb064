using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using ImageDsl.Tests.Apk;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Class 4, the HTTP parts: hostile loopback servers that trickle, go silent or send too much. Every
/// response is bounded in size and in time (idle per read, and a deadline per file across retries).
/// </summary>
public sealed class HttpBoundsTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-http-bounds");

    public void Dispose() => _temp.Dispose();

    /// <summary>Headers promising <paramref name="length"/> bytes, then one byte every <paramref name="every"/>.</summary>
    private static Func<HostileRequest, Stream, CancellationToken, Task> Trickle(int length, TimeSpan every, int status = 200, string extraHeaders = "") =>
        async (_, stream, stop) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: {length}\r\n{extraHeaders}\r\n"), stop);
            for (int i = 0; i < length; i++)
            {
                await stream.WriteAsync(new byte[] { (byte)'{' }, stop);
                await stream.FlushAsync(stop);
                await Task.Delay(every, stop);
            }
        };

    private RepositoryClient Client(TimeSpan idle, TimeSpan total, int attempts = 3) => new(new RepositoryClientOptions
    {
        CacheDirectory = _temp.Combine("cache"),
        HttpAuth = null,
        MaxAttempts = attempts,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        RequestTimeout = TimeSpan.FromMinutes(10),
        IdleTimeout = idle,
        MaxTotalTime = total,
    });

    [Fact(Timeout = 60_000)]
    public async Task A_repository_that_goes_silent_fails_after_the_idle_timeout()
    {
        using var server = new HostileHttpServer(Trickle(1000, TimeSpan.FromMinutes(5)));
        using RepositoryClient client = Client(idle: TimeSpan.FromMilliseconds(300), total: TimeSpan.FromMinutes(10));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            client.GetIndexAsync(ApkRepository.Parse(server.Origin + "/main"), "x86_64", new Keyring([])));

        Assert.Equal(ErrorKind.Network, error.Kind);
        Assert.Contains("failed after 3 attempt(s): no data for 0.3 s", error.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 30);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_trickling_repository_is_cut_off_at_the_deadline_for_the_file_not_per_attempt()
    {
        // A byte every 100 ms never trips the idle timeout; the deadline for the whole file does.
        using var server = new HostileHttpServer(Trickle(100_000, TimeSpan.FromMilliseconds(100)));
        using RepositoryClient client = Client(idle: TimeSpan.FromSeconds(5), total: TimeSpan.FromSeconds(2), attempts: 4);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            client.GetIndexAsync(ApkRepository.Parse(server.Origin + "/main"), "x86_64", new Keyring([])));

        Assert.Contains("not done within 2 s", error.Message);
        Assert.Single(server.Requests); // no retry after the deadline
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 30);
    }

    [Fact]
    public async Task A_package_larger_than_the_signed_index_says_is_refused_as_it_streams()
    {
        using var repo = new HostileRepository();
        using var server = new LoopbackServer(repo.Root);
        string package = repo.PackagePath("tiny-2.0-r1.apk");
        long stated = new FileInfo(package).Length;
        File.AppendAllText(package, new string('x', 256 * 1024)); // after indexing: the index still says `stated`

        (ImageDslException error, _) = await HostileBuild.FailAsync(repo.Configuration(server.BaseUrl), _temp.Combine("cache"));

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains($"the index states {stated} bytes for tiny-2.0-r1", error.Message);
        Assert.Empty(Directory.GetFiles(_temp.Combine("cache"), "tiny-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_index_file_over_its_bound_is_refused_before_it_is_read()
    {
        string arch = Path.Combine(_temp.Path, "repo", "x86_64");
        Directory.CreateDirectory(arch);
        File.WriteAllBytes(Path.Combine(arch, "APKINDEX.tar.gz"), new byte[3 << 20]);
        using var client = new RepositoryClient(new RepositoryClientOptions { CacheDirectory = _temp.Combine("cache"), HttpAuth = null, MaxIndexDecompressedSize = 1000 });

        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            client.GetIndexAsync(ApkRepository.Parse(Path.Combine(_temp.Path, "repo")), "x86_64", new Keyring([])));

        Assert.Contains($"the index file is {3 << 20} bytes, more than {1000 + (1 << 20)}", error.Message);
        Assert.Contains("refused unread", error.Message);
    }

    [Fact]
    public void An_index_description_is_capped_not_read_into_a_huge_string()
    {
        byte[] archive = ImageDsl.Apk.Packages.ApkIndexWriter.Write([], new string('d', 100_000), HostileKeys.Trusted);

        var error = Assert.Throws<ImageDslException>(() =>
            ImageDsl.Apk.Index.ApkIndex.Read(archive, ApkRepository.Parse("https://repo.test/main"), "x86_64", "https://repo.test/main/x86_64/APKINDEX.tar.gz", keyring: null));

        Assert.Contains("DESCRIPTION is longer than 65536 bytes", error.Message);
    }

    private PushOptions RegistryOptions(TimeSpan? idle = null) => new()
    {
        DockerConfigDirectory = _temp.Combine("docker-config"),
        CredentialHelperSearchPath = "",
        Credentials = new RegistryCredential("alice", "pw"),
        Retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20)),
        RequestTimeout = TimeSpan.FromMinutes(5),
        IdleTimeout = idle ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>A registry whose /v2/ asks for a Bearer token from <paramref name="tokenServer"/>.</summary>
    private static HostileHttpServer BearerRegistry(HostileHttpServer tokenServer) => new((request, stream, _) =>
        HostileHttpServer.AnswerAsync(stream, 401, "", ("WWW-Authenticate", $"Bearer realm=\"{tokenServer.Origin}/token\",service=\"r\"")));

    private static async Task<ImageDslException> PushFailsAsync(string registry, PushOptions options)
    {
        using var client = new RegistryClient(registry, options);
        return await Assert.ThrowsAnyAsync<ImageDslException>(() => client.BlobExistsAsync("team/app", "sha256:" + new string('1', 64)));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_response_over_one_mebibyte_fails_clearly()
    {
        using var tokens = new HostileHttpServer((_, stream, _) =>
            HostileHttpServer.AnswerAsync(stream, 200, "{\"token\":\"" + new string('a', 2 << 20) + "\"}"));
        using HostileHttpServer registry = BearerRegistry(tokens);

        ImageDslException error = await PushFailsAsync(registry.HostPort, RegistryOptions());

        Assert.Contains("with a body larger than 1 MiB", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_registry_error_body_over_one_mebibyte_fails_clearly()
    {
        using var registry = new HostileHttpServer((request, stream, _) => request.Target == "/v2/"
            ? HostileHttpServer.AnswerAsync(stream, 200, "{}")
            : HostileHttpServer.AnswerAsync(stream, 400, new string('e', 3 << 20)));
        using var client = new RegistryClient(registry.HostPort, RegistryOptions());

        var error = await Assert.ThrowsAnyAsync<ImageDslException>(() => client.MountBlobAsync("team/app", "sha256:" + new string('1', 64), "team/base"));

        Assert.Contains("answered HTTP 400 with a body larger than 1 MiB", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_server_that_goes_silent_fails_after_the_idle_timeout()
    {
        using var tokens = new HostileHttpServer(Trickle(1000, TimeSpan.FromMinutes(5)));
        using HostileHttpServer registry = BearerRegistry(tokens);
        var watch = Stopwatch.StartNew();

        ImageDslException error = await PushFailsAsync(registry.HostPort, RegistryOptions(idle: TimeSpan.FromMilliseconds(300)));

        Assert.Contains("no data for 0.3 s", error.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 30);
    }
}

/// <summary>Key discovery reads through the same bounded reader as every other download.</summary>
public sealed class KeyDiscoveryBoundsTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_key_discovery_server_that_goes_silent_fails_after_the_idle_timeout()
    {
        using var server = new HostileHttpServer(async (_, stream, stop) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"), stop);
            await stream.FlushAsync(stop);
            await Task.Delay(TimeSpan.FromMinutes(5), stop);
        });
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var discovery = new RepositoryKeyDiscovery(http) { IdleTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<ImageDslException>(() => discovery.DiscoverAsync(server.Origin + "/os", "x86_64"));

        Assert.Contains("no data for 0.3 s", error.Message);
    }
}
