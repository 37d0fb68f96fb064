using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Apk;

/// <summary>Repositories over a loopback HTTP server and local folders, through the cache.</summary>
public sealed class RepositoryClientTests : IDisposable
{
    private const string IndexPath = "/alpine/aarch64/APKINDEX.tar.gz";
    private readonly TempDirectory _temp = new("imagedsl-repo");
    private readonly LoopbackServer _server;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _warnings = new();
    private readonly Keyring _alpineKeys = new([ApkPublicKey.FromFile(TestIndexes.AlpineKeyPath)]);

    public RepositoryClientTests()
    {
        string www = _temp.Combine("www");
        CopyInto(TestIndexes.AlpineIndexPath, Path.Combine(www, "alpine", "aarch64"));
        CopyInto(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"), Path.Combine(www, "rsa", "aarch64"));
        CopyInto(Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk"), Path.Combine(www, "rsa", "aarch64"));
        CopyInto(Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"), Path.Combine(www, "keys"));
        File.Copy(TestIndexes.AlpineKeyPath, Path.Combine(www, "keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"));
        _server = new LoopbackServer(www);
    }

    private string Www => _temp.Combine("www");

    private RepositoryClient Client(bool offline = false, Action<RepositoryClientOptions>? _ = null, string? httpAuth = null, long maxResponse = -1) =>
        new(new RepositoryClientOptions
        {
            CacheDirectory = _temp.Combine("cache"),
            Offline = offline,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            HttpAuth = httpAuth,
            MaxHttpResponseSize = maxResponse < 0 ? RepositoryClientOptions.DefaultMaxHttpResponseSize : maxResponse,
            Warn = _warnings.Enqueue,
        });

    [Fact]
    public async Task An_http_repository_resolves_like_the_same_local_folder_then_offline_from_the_cache()
    {
        ApkRepository local = ApkRepository.Parse(Path.Combine(Www, "alpine"));
        ApkRepository remote = ApkRepository.Parse(_server.BaseUrl + "/alpine/");
        string[] viaLocal, viaHttp, viaCache;
        using (RepositoryClient client = Client())
        {
            viaLocal = Resolve(await client.GetIndexesAsync([local], "aarch64", _alpineKeys));
            viaHttp = Resolve(await client.GetIndexesAsync([remote], "aarch64", _alpineKeys));
        }
        Assert.Equal(viaLocal, viaHttp);
        Assert.Equal(1, _server.Count(IndexPath));

        _server.Dispose();
        using (RepositoryClient offline = Client(offline: true))
        {
            viaCache = Resolve(await offline.GetIndexesAsync([remote], "aarch64", _alpineKeys));
            Assert.Equal(0, offline.HttpRequestCount);
        }
        Assert.Equal(viaHttp, viaCache);
    }

    [Fact]
    public async Task A_cached_index_is_revalidated_with_its_etag_and_a_304_reuses_it()
    {
        ApkRepository remote = ApkRepository.Parse(_server.BaseUrl + "/alpine");
        using (RepositoryClient client = Client())
        {
            await client.GetIndexesAsync([remote], "aarch64", _alpineKeys);
        }
        using (RepositoryClient client = Client())
        {
            ApkIndex index = Assert.Single(await client.GetIndexesAsync([remote], "aarch64", _alpineKeys));
            Assert.Equal(5004, index.Packages.Count);
        }
        var requests = _server.Log.Where(l => l.Path == IndexPath).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal(200, requests[0].Status);
        Assert.NotNull(requests[1].IfNoneMatch);
        Assert.Equal(304, requests[1].Status);
    }

    [Fact]
    public async Task A_changed_index_replaces_the_cached_copy()
    {
        ApkRepository remote = ApkRepository.Parse(_server.BaseUrl + "/rsa");
        var keys = new Keyring([ApkPublicKey.FromFile(Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"))]);
        using (RepositoryClient client = Client())
        {
            Assert.Equal("alpine-baselayout", Assert.Single(Assert.Single(await client.GetIndexesAsync([remote], "aarch64", keys)).Packages).Name);
        }
        using var key = ApkPrivateKey.Generate("new.rsa.pub", 2048);
        File.WriteAllBytes(Path.Combine(Www, "rsa", "aarch64", "APKINDEX.tar.gz"),
            TestIndexes.IndexArchive(TestIndexes.Record("other", "1.0-r0"), key));
        using (RepositoryClient client = Client())
        {
            ApkIndex index = Assert.Single(await client.GetIndexesAsync([remote], "aarch64", new Keyring([key.PublicKey])));
            Assert.Equal("other", Assert.Single(index.Packages).Name);
        }
    }

    [Fact]
    public async Task A_503_then_200_is_retried()
    {
        _server.FailNext(IndexPath, 503, 500);
        using RepositoryClient client = Client();
        ApkIndex index = Assert.Single(await client.GetIndexesAsync([ApkRepository.Parse(_server.BaseUrl + "/alpine")], "aarch64", _alpineKeys));
        Assert.Equal(5004, index.Packages.Count);
        Assert.Equal([503, 500, 200], _server.Log.Where(l => l.Path == IndexPath).Select(l => l.Status));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_error_names_the_url()
    {
        _server.FailNext(IndexPath, 503, 503, 503, 503, 503, 503);
        using RepositoryClient client = Client();
        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            client.GetIndexesAsync([ApkRepository.Parse(_server.BaseUrl + "/alpine")], "aarch64", _alpineKeys));
        Assert.Equal(ErrorKind.Network, error.Kind);
        Assert.Contains("failed after 4 attempt(s)", error.Message);
        Assert.Contains(_server.BaseUrl + IndexPath, error.Message);
        Assert.Equal(4, _server.Count(IndexPath));
    }

    [Fact]
    public async Task Offline_without_a_cache_lists_every_missing_index()
    {
        using RepositoryClient client = Client(offline: true);
        var error = await Assert.ThrowsAsync<ImageDslException>(() => client.GetIndexesAsync(
            [ApkRepository.Parse(_server.BaseUrl + "/alpine"), ApkRepository.Parse("https://user:secret@example.test/other")], "aarch64", _alpineKeys));
        Assert.Contains(_server.BaseUrl + IndexPath, error.Message);
        Assert.Contains("https://xxxxx@example.test/other/aarch64/APKINDEX.tar.gz", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Empty(_server.Log);
    }

    [Fact]
    public async Task A_missing_local_index_is_a_warning_and_the_repository_is_skipped()
    {
        using RepositoryClient client = Client();
        IReadOnlyList<ApkIndex> indexes = await client.GetIndexesAsync(
            [ApkRepository.Parse(_temp.Combine("nowhere")), ApkRepository.Parse(Path.Combine(Www, "alpine"))], "aarch64", _alpineKeys);
        Assert.Single(indexes);
        Assert.Contains(_warnings, w => w.Contains("getting local index") && w.Contains("nowhere"));
    }

    [Fact]
    public async Task Credentials_from_the_url_or_HTTP_AUTH_are_sent_and_never_shown()
    {
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:s3cret"));
        _server.RequiredAuthorization = expected;
        string host = new Uri(_server.BaseUrl).Host; // HTTP_AUTH names a host, not host:port (it is split on ':')
        using (RepositoryClient client = Client())
        {
            var withUserInfo = ApkRepository.Parse(_server.BaseUrl.Replace("http://", "http://me:s3cret@") + "/alpine");
            Assert.Single(await client.GetIndexesAsync([withUserInfo], "aarch64", _alpineKeys));
        }
        using (RepositoryClient client = Client(httpAuth: $"basic:{host}:me:s3cret"))
        {
            Assert.Single(await client.GetIndexesAsync([ApkRepository.Parse(_server.BaseUrl + "/alpine")], "aarch64", _alpineKeys));
        }
        using (RepositoryClient client = Client())
        {
            var wrong = ApkRepository.Parse(_server.BaseUrl.Replace("http://", "http://me:wrongpass@") + "/alpine");
            var error = await Assert.ThrowsAsync<ImageDslException>(() => client.GetIndexesAsync([wrong], "aarch64", _alpineKeys));
            Assert.Equal(ErrorKind.Unauthorized, error.Kind);
            Assert.DoesNotContain("wrongpass", error.Message);
            Assert.Contains("http://xxxxx@", error.Message);
        }
        Assert.All(_server.Log, l => Assert.DoesNotContain("s3cret", l.Path));
        Assert.Equal(2, _server.Log.Count(l => l.Authorization == expected));
    }

    [Fact]
    public async Task Packages_are_fetched_once_into_the_cache_keyed_by_checksum_and_work_offline()
    {
        ApkRepository remote = ApkRepository.Parse(_server.BaseUrl + "/rsa");
        var keys = new Keyring([ApkPublicKey.FromFile(Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"))]);
        FetchedPackage first;
        using (RepositoryClient client = Client())
        {
            PackageRecord package = Assert.Single(Assert.Single(await client.GetIndexesAsync([remote], "aarch64", keys)).Packages);
            first = await client.FetchPackageAsync(package);
            FetchedPackage second = await client.FetchPackageAsync(package);
            Assert.Equal(first.LocalPath, second.LocalPath);
            Assert.Equal(_server.BaseUrl + "/rsa/aarch64/alpine-baselayout-3.2.0-r23.apk", first.Url);
            Assert.Contains(Convert.ToHexStringLower(package.Checksum!), Path.GetFileName(first.LocalPath));
        }
        Assert.Equal(1, _server.Count("/rsa/aarch64/alpine-baselayout-3.2.0-r23.apk"));
        Assert.Equal(File.ReadAllBytes(Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk")), File.ReadAllBytes(first.LocalPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(first.LocalPath)!, ".tmp-*"));

        using (RepositoryClient offline = Client(offline: true))
        {
            PackageRecord package = Assert.Single(Assert.Single(await offline.GetIndexesAsync([remote], "aarch64", keys)).Packages);
            Assert.Equal(first.LocalPath, (await offline.FetchPackageAsync(package)).LocalPath);
            offline.EvictPackage(package);
            var error = await Assert.ThrowsAsync<ImageDslException>(() => offline.FetchPackageAsync(package));
            Assert.Contains("offline cache", error.Message);
        }
    }

    [Fact]
    public async Task Local_packages_are_used_in_place()
    {
        ApkRepository local = ApkRepository.Parse(Path.Combine(Www, "rsa"));
        var keys = new Keyring([ApkPublicKey.FromFile(Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"))]);
        using RepositoryClient client = Client();
        PackageRecord package = Assert.Single(Assert.Single(await client.GetIndexesAsync([local], "aarch64", keys)).Packages);
        FetchedPackage fetched = await client.FetchPackageAsync(package);
        Assert.Equal(Path.Combine(Www, "rsa", "aarch64", "alpine-baselayout-3.2.0-r23.apk"), fetched.LocalPath);
    }

    [Fact]
    public async Task Keys_load_from_files_and_urls_named_by_file_name()
    {
        using RepositoryClient client = Client();
        IReadOnlyList<LoadedKey> keys = await client.LoadKeysAsync([
            Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"),
            _server.BaseUrl + "/keys/alpine-devel%40lists.alpinelinux.org-616ae350.rsa.pub",
        ]);
        Assert.Equal(["test-rsa256.rsa.pub", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"], keys.Select(k => k.Key.Name));
        Keyring keyring = new(keys.Select(k => k.Key));
        Assert.Single(await client.GetIndexesAsync([ApkRepository.Parse(_server.BaseUrl + "/alpine")], "aarch64", keyring));

        using RepositoryClient offline = Client(offline: true);
        Assert.Equal(2, (await offline.LoadKeysAsync(keys.Select(k => k.Source))).Count);
    }

    [Fact]
    public async Task A_response_over_the_size_limit_is_refused()
    {
        using RepositoryClient client = Client(maxResponse: 1000);
        var error = await Assert.ThrowsAsync<ImageDslException>(() =>
            client.GetIndexesAsync([ApkRepository.Parse(_server.BaseUrl + "/alpine")], "aarch64", _alpineKeys));
        Assert.Contains("larger than 1000 bytes", error.Message);
    }

    [Fact]
    public async Task Concurrent_clients_sharing_a_cache_all_read_complete_indexes()
    {
        ApkRepository remote = ApkRepository.Parse(_server.BaseUrl + "/alpine");
        var tasks = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            using RepositoryClient client = Client();
            return Assert.Single(await client.GetIndexesAsync([remote], "aarch64", _alpineKeys)).Packages.Count;
        })).ToList();
        Assert.All(await Task.WhenAll(tasks), count => Assert.Equal(5004, count));
        string[] leftovers = Directory.GetFiles(_temp.Combine("cache"), ".tmp-*", SearchOption.AllDirectories);
        Assert.Empty(leftovers);
    }

    private static string[] Resolve(IReadOnlyList<ApkIndex> indexes) =>
        new Resolver("aarch64", indexes).Resolve(["nginx", "curl"]).Packages.Select(p => p.ToString()).ToArray();

    private static void CopyInto(string file, string directory)
    {
        Directory.CreateDirectory(directory);
        File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
    }

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }
}
