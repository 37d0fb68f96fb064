using ImageDsl.Apk.Packages;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// `dotnet-image build` processes sharing one --cache-dir: two at once agree on the digest and leave a
/// sound cache; a build killed (SIGKILL) in the middle of a package download leaves a cache that the
/// next build uses, with the same digest.
/// </summary>
public sealed class SharedCacheProcessTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new("imagedsl-hostile-processes");

    public void Dispose() => _temp.Dispose();

    private string Config(TestRepository repo, string baseUrl)
    {
        string config = _temp.Combine("busybox.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{baseUrl}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            archs: [amd64]
            """);
        return config;
    }

    private string[] Build(string config, string cache, string output) =>
        ["build", config, "hostile:latest", output, "--cache-dir", cache, "--sbom=false", "--vcs=false"];

    [Fact]
    public async Task Two_processes_sharing_a_cache_build_the_same_image()
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_temp.Combine("repo"));
        await using var server = await ThrottledRepositoryServer.StartAsync(repo.Root, throttle: false);
        string config = Config(repo, server.BaseUrl);
        string cache = _temp.Combine("cache");

        using var first = new ToolProcess(Build(config, cache, _temp.Combine("first.tar")));
        using var second = new ToolProcess(Build(config, cache, _temp.Combine("second.tar")));
        var a = await first.WaitAsync(Limit);
        var b = await second.WaitAsync(Limit);

        Assert.True(a.Exit == 0, a.Err);
        Assert.True(b.Exit == 0, b.Err);
        string digest = a.Out.Trim().Split('\n')[^1];
        Assert.StartsWith("sha256:", digest);
        Assert.Equal(digest, b.Out.Trim().Split('\n')[^1]);
        Assert.Equal(File.ReadAllBytes(_temp.Combine("first.tar")), File.ReadAllBytes(_temp.Combine("second.tar")));
        Assert.Empty(CacheProblems(cache, repo));
    }

    [Fact]
    public async Task A_build_killed_mid_download_leaves_a_cache_the_next_build_uses()
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_temp.Combine("repo"));
        await using var server = await ThrottledRepositoryServer.StartAsync(repo.Root, throttle: true);
        string config = Config(repo, server.BaseUrl);
        string cache = _temp.Combine("cache");

        using (var killed = new ToolProcess(Build(config, cache, _temp.Combine("killed.tar"))))
        {
            Task done = killed.WaitAsync(Limit);
            Assert.Same(server.Streaming.Task, await Task.WhenAny(server.Streaming.Task, done));
            await Task.Delay(1000); // ~150 KiB of the package are in flight or on disk
            killed.Kill();
        }
        // Half a package sits in a temporary file, never under the package's own name.
        Assert.Empty(Directory.GetFiles(cache, "busybox-*.apk", SearchOption.AllDirectories));
        Assert.False(File.Exists(_temp.Combine("killed.tar")));
        string partial = Assert.Single(Directory.GetFiles(cache, ".tmp-*", SearchOption.AllDirectories), f => Path.GetDirectoryName(f)!.EndsWith("x86_64", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(partial, DateTime.UtcNow.AddHours(-1)); // as if the kill happened an hour ago

        server.Throttle = false;
        using var again = new ToolProcess(Build(config, cache, _temp.Combine("again.tar")));
        var result = await again.WaitAsync(Limit);
        Assert.True(result.Exit == 0, result.Err);

        using var fresh = new ToolProcess(Build(config, _temp.Combine("fresh-cache"), _temp.Combine("fresh.tar")));
        var reference = await fresh.WaitAsync(Limit);
        Assert.True(reference.Exit == 0, reference.Err);
        Assert.Equal(reference.Out.Trim().Split('\n')[^1], result.Out.Trim().Split('\n')[^1]);
        Assert.Empty(CacheProblems(cache, repo)); // the stale partial download was pruned by the next build
    }

    /// <summary>Every cached package matches the index's control checksum and its datahash; no symlinks.</summary>
    private static List<string> CacheProblems(string cache, TestRepository repo)
    {
        var checksums = ApkIndexWriter.ScanDirectory(Path.Combine(repo.Root, repo.Arch)).ToDictionary(e => e.Info.Name, e => e.ControlChecksum);
        var problems = new List<string>();
        foreach (string file in Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(file);
            if (new FileInfo(file).LinkTarget is not null)
            {
                problems.Add($"{file}: a symlink");
            }
            else if (name.StartsWith(".tmp-", StringComparison.Ordinal))
            {
                problems.Add($"{file}: a temporary file");
            }
            else if (name.EndsWith(".apk", StringComparison.Ordinal))
            {
                try
                {
                    using ApkPackage package = ApkPackageReader.Open(file, new ApkPackageReaderOptions { ExpectedControlChecksum = checksums[name[..name.IndexOf('-')]] });
                }
                catch (Exception e)
                {
                    problems.Add($"{file}: {e.Message}");
                }
            }
        }
        return problems;
    }
}
