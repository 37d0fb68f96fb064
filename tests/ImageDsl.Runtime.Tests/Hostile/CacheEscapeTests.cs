using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;
using ImageDsl.Tests.Apk;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Class 1 and 5 of the hostile-input work: a validly signed index whose names or versions are paths,
/// and a shared cache with links planted in it, must never make the tool read, write or delete outside
/// the cache folder (or a local repository's folder).
/// </summary>
public sealed class CacheEscapeTests : IDisposable
{
    private readonly HostileRepository _repo = new();
    private readonly LoopbackServer _server;
    private readonly TempDirectory _cache = new("imagedsl-escape-cache");
    private readonly TempDirectory _outside = new("imagedsl-escape-outside");

    public CacheEscapeTests()
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

    [Theory]
    [InlineData("busybox", true)]
    [InlineData("libstdc++", true)]
    [InlineData("py3-zope.interface", true)]
    [InlineData("_internal", true)]
    [InlineData("../../../tmp/x", false)]
    [InlineData("..", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("", false)]
    [InlineData("new\nline", false)]
    [InlineData("-flag", false)]
    public void Names_follow_apk_characters(string name, bool valid) => Assert.Equal(valid, IndexRecordValidator.IsValidName(name));

    [Theory]
    [InlineData("1.36.1-r5", true)]
    [InlineData("2023.1_git20230101-r0", true)]
    [InlineData("1.0~beta1-r0", true)]
    [InlineData("1.0-r0/../../x", false)]
    [InlineData("../1.0", false)]
    [InlineData(".1", false)]
    [InlineData("1.0 r0", false)]
    [InlineData("", false)]
    public void Versions_follow_apk_characters(string version, bool valid) => Assert.Equal(valid, IndexRecordValidator.IsValidVersion(version));

    [Fact]
    public void Every_real_alpine_name_and_version_is_accepted()
    {
        byte[] archive = File.ReadAllBytes(Fixtures.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"));
        ApkIndex index = ApkIndex.Read(archive, ApkRepository.Parse("https://example.test/main"), "aarch64", "fixture", keyring: null);
        Assert.True(index.Packages.Count > 5000);
    }

    [Theory]
    [InlineData("P:../../../tmp/evil\nV:1.0-r0\n", "package name \"../../../tmp/evil\"")]
    [InlineData("P:evil\nV:1.0-r0/../../../../x\n", "version \"1.0-r0/../../../../x\" of package evil")]
    [InlineData("P:evil\nV:\n", "version \"\" of package evil")]
    [InlineData("P:ev\u001b[2Jil\nV:1\n", "package name \"ev?[2Jil\"")]
    public void An_index_record_with_a_path_for_a_name_or_version_refuses_the_index(string record, string expected)
    {
        var error = Assert.Throws<ImageDslException>(() => ApkIndex.ParseText(
            new MemoryStream(Encoding.UTF8.GetBytes("P:good\nV:1.0-r0\n\n" + record)), ApkRepository.Parse("https://u:secret@repo.test/main"), "x86_64", "https://u:secret@repo.test/main/x86_64/APKINDEX.tar.gz"));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains(expected, error.Message);
        Assert.Contains("repo.test/main/x86_64/APKINDEX.tar.gz", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("index is refused", error.Message);
    }

    [Fact]
    public async Task A_signed_index_naming_a_path_writes_nothing_outside_the_cache()
    {
        string target = _outside.Combine("sub", "planted");
        // Signed by the trusted key: the signature is fine, the content is hostile. Without the check the
        // cache path of tiny is <outside>/sub/planted.<checksum>.apk, and its folder is created there.
        _repo.Index(entries => entries.Select(e => e.Info.Name == "tiny"
            ? e with { Info = e.Info with { Version = "1" + string.Concat(Enumerable.Repeat("/..", 40)) + target } }
            : e));

        (ImageDslException error, _) = await HostileBuild.FailAsync(_repo.Configuration(_server.BaseUrl, "tiny"), _cache.Path);

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains($"{_server.BaseUrl}/x86_64/APKINDEX.tar.gz: APKINDEX record", error.Message);
        Assert.Contains("is not a valid apk name", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_outside.Path));
    }

    [Fact]
    public void A_record_built_in_code_with_a_path_name_cannot_address_outside_the_cache()
    {
        var cache = new RepositoryCache(_cache.Path);
        PackageRecord record = Record(ApkRepository.Parse("https://repo.test/main"), "../../../../escape", "1.0-r0");
        var error = Assert.Throws<ImageDslException>(() => cache.PackagePath(record));
        Assert.Contains("outside the cache folder", error.Message);
    }

    [Fact]
    public async Task A_local_repository_record_cannot_read_outside_the_repository_folder()
    {
        File.WriteAllText(_outside.Combine("secret-1.0-r0.apk"), "not a package of this repository");
        using var client = new RepositoryClient(new RepositoryClientOptions { CacheDirectory = _cache.Path, HttpAuth = null });
        string up = Path.GetRelativePath(_repo.ArchDirectory, _outside.Path);
        PackageRecord record = Record(ApkRepository.Parse(_repo.Root), up + "/secret", "1.0-r0");

        var error = await Assert.ThrowsAsync<ImageDslException>(() => client.FetchPackageAsync(record));

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("outside the repository folder", error.Message);
    }

    [Fact]
    public async Task A_symlinked_repository_folder_in_the_cache_is_refused_not_written_through()
    {
        string yaml = _repo.Configuration(_server.BaseUrl);
        (string digest, _) = await HostileBuild.RunAsync(yaml, _cache.Path);
        string archFolder = Path.GetDirectoryName(Directory.GetFiles(_cache.Path, "tiny-2.0-r1*.apk", SearchOption.AllDirectories).Single())!;
        Directory.Delete(archFolder, recursive: true);
        Directory.CreateSymbolicLink(archFolder, _outside.Path);

        (ImageDslException error, _) = await HostileBuild.FailAsync(yaml, _cache.Path);

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains($"the cache folder {archFolder} is a symbolic link", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_outside.Path));
    }

    [Fact]
    public async Task A_symlinked_index_folder_is_neither_read_nor_pruned_through()
    {
        string yaml = _repo.Configuration(_server.BaseUrl);
        await HostileBuild.RunAsync(yaml, _cache.Path);
        string indexFolder = Path.GetDirectoryName(Directory.GetFiles(_cache.Path, "entry.json", SearchOption.AllDirectories).Single())!;
        // Files that look stale and prunable, in a folder outside the cache.
        string victim = _outside.Combine(new string('a', 64) + ".data");
        string victimTemp = _outside.Combine(".tmp-" + Guid.NewGuid().ToString("N"));
        foreach (string file in new[] { victim, victimTemp })
        {
            File.WriteAllText(file, "precious");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));
        }
        Directory.Delete(indexFolder, recursive: true);
        Directory.CreateSymbolicLink(indexFolder, _outside.Path);

        (ImageDslException error, _) = await HostileBuild.FailAsync(yaml, _cache.Path);

        Assert.Contains("is a symbolic link", error.Message);
        Assert.True(File.Exists(victim) && File.Exists(victimTemp), "pruning deleted files through a symlinked folder");
        Assert.Equal(2, Directory.GetFileSystemEntries(_outside.Path).Length);
    }

    [Fact]
    public async Task Pruning_deletes_only_files_the_cache_itself_named()
    {
        string yaml = _repo.Configuration(_server.BaseUrl);
        await HostileBuild.RunAsync(yaml, _cache.Path);
        string indexFolder = Path.GetDirectoryName(Directory.GetFiles(_cache.Path, "entry.json", SearchOption.AllDirectories).Single())!;
        string packageFolder = Path.GetDirectoryName(Directory.GetFiles(_cache.Path, "tiny-2.0-r1*.apk", SearchOption.AllDirectories).Single())!;
        string[] foreign =
        [
            Path.Combine(indexFolder, "notes.data"),
            Path.Combine(indexFolder, ".tmp-someone-elses"),
            Path.Combine(packageFolder, ".tmp-keep-me"),
        ];
        string ours = Path.Combine(indexFolder, new string('b', 64) + ".data");
        string ourTemp = Path.Combine(packageFolder, ".tmp-" + Guid.NewGuid().ToString("N"));
        foreach (string file in foreign.Append(ours).Append(ourTemp))
        {
            File.WriteAllText(file, "x");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));
        }
        _repo.AddPackage(new ImageDsl.Apk.Packages.PackageInfo { Name = "extra", Version = "1.0-r0", Arch = HostileRepository.Arch, BuildDate = 1700000200 },
            [ImageDsl.Apk.Packages.PackEntry.File("usr/share/extra", "x"u8.ToArray())]);
        _repo.Index(); // a new index: the cache stores it and prunes the old one

        await HostileBuild.RunAsync(_repo.Configuration(_server.BaseUrl, "tiny", "extra"), _cache.Path);

        Assert.All(foreign, f => Assert.True(File.Exists(f), $"{f} was pruned but the cache never wrote it"));
        Assert.False(File.Exists(ours), "a stale data file of the cache was not pruned");
        Assert.False(File.Exists(ourTemp), "a stale temporary of the cache was not pruned");
    }

    private static PackageRecord Record(ApkRepository repository, string name, string version) => new()
    {
        Name = name,
        Version = version,
        Repository = repository,
        RepositoryArch = HostileRepository.Arch,
        Checksum = new byte[20],
    };
}
