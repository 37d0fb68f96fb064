using ImageDsl.Errors;
using ImageDsl.Tests.Apk;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// The repository is served over loopback HTTP, so packages and the index go through the cache
/// (--cache-dir). A damaged cache entry must never be installed: it is evicted and fetched again (the
/// build then succeeds with the same digest and a warning naming the package and the fault), and a
/// damaged download is refused with the package, the URL and the fault.
/// </summary>
public sealed class CacheTamperingTests : IDisposable
{
    private readonly HostileRepository _repo = new();
    private readonly LoopbackServer _server;
    private readonly TempDirectory _cache = new("imagedsl-hostile-cache");
    private readonly TempDirectory _outside = new("imagedsl-hostile-outside");

    public CacheTamperingTests()
    {
        _server = new LoopbackServer(_repo.Root);
    }

    public void Dispose()
    {
        _server.Dispose();
        _repo.Dispose();
        _cache.Dispose();
        _outside.Dispose();
    }

    private string Yaml => _repo.Configuration(_server.BaseUrl);

    /// <summary>The cached copy of tiny (after one build).</summary>
    private string CachedTiny => Directory.GetFiles(_cache.Path, "tiny-2.0-r1*.apk", SearchOption.AllDirectories).Single();

    /// <summary>Case name → what is done to the cached tiny package, and what the warning must say.</summary>
    private static readonly Dictionary<string, (Action<CacheTamperingTests, string> Tamper, string Expected)> Cases = new()
    {
        ["flipped byte"] = ((t, path) => FlipLast(path), "data hash mismatch"),
        ["half-written (truncated)"] = ((t, path) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]),
            "the member is truncated (no CRC trailer)); fetching it again"),
        ["emptied"] = ((t, path) => File.WriteAllBytes(path, []), "corrupt gzip member at offset 0: it is not gzip data); fetching it again"),
        ["replaced by another package"] = ((t, path) => File.Copy(t._repo.PackagePath("base-1.0-r0.apk"), path, overwrite: true),
            "control hash mismatch"),
        ["symlink to a file outside the cache"] = ((t, path) =>
        {
            string outside = t._outside.Combine("precious.txt");
            File.WriteAllText(outside, "not a package, and must stay as it is\n");
            File.Delete(path);
            File.CreateSymbolicLink(path, outside);
        }, "the cache holds something other than a file at "),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_damaged_cached_package_is_evicted_and_fetched_again(string name)
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string cached = CachedTiny;
        (Action<CacheTamperingTests, string> tamper, string expected) = Cases[name];
        tamper(this, cached);

        (string again, IReadOnlyList<string> warnings) = await HostileBuild.RunAsync(Yaml, _cache.Path);

        Assert.Equal(digest, again);
        string warning = Assert.Single(warnings, w => w.StartsWith("tiny-2.0-r1: the cache", StringComparison.Ordinal));
        Assert.Matches(@"^tiny-2\.0-r1: the cache(d copy failed verification \(package tiny-2\.0-r1 from http://127\.0\.0\.1:\d+/x86_64/tiny-2\.0-r1\.apk:| holds something other than a file at /)", warning);
        Assert.True(warning.Contains(expected, StringComparison.Ordinal), warning);
        Assert.False(new FileInfo(CachedTiny).LinkTarget is not null, "the cache entry is still a symlink");
        Assert.Equal(File.ReadAllBytes(_repo.PackagePath("tiny-2.0-r1.apk")), File.ReadAllBytes(CachedTiny));
        if (File.Exists(_outside.Combine("precious.txt")))
        {
            Assert.Equal("not a package, and must stay as it is\n", File.ReadAllText(_outside.Combine("precious.txt")));
        }
    }

    [Fact]
    public async Task A_cached_package_replaced_by_a_directory_is_repaired()
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string cached = CachedTiny;
        File.Delete(cached);
        Directory.CreateDirectory(Path.Combine(cached, "inside"));

        (string again, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);

        Assert.Equal(digest, again);
        Assert.Equal(File.ReadAllBytes(_repo.PackagePath("tiny-2.0-r1.apk")), File.ReadAllBytes(CachedTiny));
    }

    [Fact]
    public async Task A_dangling_symlink_in_the_cache_is_replaced_not_followed()
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string cached = CachedTiny;
        string target = _outside.Combine("created-through-the-link.apk");
        File.Delete(cached);
        File.CreateSymbolicLink(cached, target);

        (string again, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);

        Assert.Equal(digest, again);
        Assert.False(File.Exists(target), "the download was written through a symlink to outside the cache");
        Assert.Null(new FileInfo(CachedTiny).LinkTarget);
    }

    [Fact]
    public async Task Leftover_temporary_files_of_a_killed_build_are_ignored()
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string folder = Path.GetDirectoryName(CachedTiny)!;
        File.WriteAllBytes(Path.Combine(folder, ".tmp-" + Guid.NewGuid().ToString("N")), File.ReadAllBytes(CachedTiny)[..700]);

        Assert.Equal(digest, (await HostileBuild.RunAsync(Yaml, _cache.Path)).Digest);
    }

    [Fact]
    public async Task A_package_served_damaged_is_refused_naming_the_url_and_not_left_in_the_cache()
    {
        FlipLast(_repo.PackagePath("tiny-2.0-r1.apk"));

        (ImageDslException error, IReadOnlyList<string> warnings) = await HostileBuild.FailAsync(Yaml, _cache.Path);

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains($"package tiny-2.0-r1 from {_server.BaseUrl}/x86_64/tiny-2.0-r1.apk: data hash mismatch", error.Message);
        Assert.Contains(warnings, w => w.Contains("tiny-2.0-r1: the cached copy failed verification"));
        Assert.Empty(Directory.GetFiles(_cache.Path, "tiny-2.0-r1*.apk", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_damaged_cached_index_is_fetched_again()
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string data = Directory.GetFiles(_cache.Path, "*.data", SearchOption.AllDirectories).Single();
        FlipLast(data);

        Assert.Equal(digest, (await HostileBuild.RunAsync(Yaml, _cache.Path)).Digest);
    }

    [Fact]
    public async Task A_cache_entry_pointing_outside_its_folder_is_not_followed()
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string entry = Directory.GetFiles(_cache.Path, "entry.json", SearchOption.AllDirectories).Single();
        string decoy = _outside.Combine("decoy.data");
        File.WriteAllText(decoy, "not an index");
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(Path.GetFileName(Directory.GetFiles(Path.GetDirectoryName(entry)!, "*.data").Single()), decoy));

        Assert.Equal(digest, (await HostileBuild.RunAsync(Yaml, _cache.Path)).Digest);
        Assert.Equal("not an index", File.ReadAllText(decoy));
    }

    [Fact]
    public async Task An_oversized_cache_entry_is_not_read_and_is_written_again()
    {
        (string digest, _) = await HostileBuild.RunAsync(Yaml, _cache.Path);
        string entry = Directory.GetFiles(_cache.Path, "entry.json", SearchOption.AllDirectories).Single();
        // Still valid JSON (trailing spaces), but past the bound: a reader without one would take it whole.
        File.WriteAllText(entry, File.ReadAllText(entry) + new string(' ', 4 * 1024 * 1024));

        Assert.Equal(digest, (await HostileBuild.RunAsync(Yaml, _cache.Path)).Digest);
        Assert.True(new FileInfo(entry).Length <= ImageDsl.Apk.Repositories.RepositoryCache.MaxEntryBytes);
    }

    private static void FlipLast(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }
}
