using System.Collections.Concurrent;
using System.Security.Cryptography;
using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Progress;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// A warm build reads each package's data tar from the expanded cache instead of inflating it again, and gives the
/// same image. The expanded folder is hostile: a damaged entry, one MACed under another key (another user, a cache
/// restored from elsewhere) or a link is never used; the package is inflated again and its entry rewritten.
/// </summary>
public sealed class ExpandedDataCacheTests : IDisposable
{
    private const string UsedMessage = "data read from the expanded cache";

    private readonly HostileRepository _repo = new();
    private readonly TempDirectory _cache = new("imagedsl-expanded-cache");
    private readonly TempDirectory _outside = new("imagedsl-expanded-outside");

    public void Dispose()
    {
        _repo.Dispose();
        _cache.Dispose();
        _outside.Dispose();
    }

    private string Yaml => _repo.Configuration();

    private string[] Entries => Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.tar").Order(StringComparer.Ordinal).ToArray() : [];

    private string Folder => Path.Combine(_cache.Path, "expanded");

    [Fact]
    public async Task A_warm_build_reads_the_package_data_from_the_expanded_cache_and_gives_the_same_image()
    {
        (string first, List<string> firstDebug) = await BuildAsync();
        string[] entries = Entries;
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(firstDebug, m => m.Contains(UsedMessage, StringComparison.Ordinal));

        (string second, List<string> secondDebug) = await BuildAsync();

        Assert.Equal(first, second);
        Assert.Equal(entries.Length, secondDebug.Count(m => m.Contains(UsedMessage, StringComparison.Ordinal)));
        Assert.Equal(entries, Entries);
        using var fresh = new TempDirectory();
        Assert.Equal(first, (await HostileBuild.RunAsync(Yaml, fresh.Path)).Digest); // no cache at all: the same image
    }

    /// <summary>Case name → what is done to one expanded entry (its path given).</summary>
    private static readonly Dictionary<string, Action<ExpandedDataCacheTests, string>> Tampering = new()
    {
        ["a byte of a file flipped"] = (_, path) =>
        {
            byte[] bytes = File.ReadAllBytes(path);
            bytes[700] ^= 0x01; // inside the first file's body (headers are 512-byte blocks before it)
            File.WriteAllBytes(path, bytes);
        },
        ["truncated"] = (_, path) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..1024]),
        ["emptied"] = (_, path) => File.WriteAllBytes(path, []),
        ["MACed under another key"] = (_, path) =>
        {
            string prefix = Path.GetFileName(path)[..65];
            byte[] tar = File.ReadAllBytes(path);
            byte[] message = [.. Convert.FromHexString(prefix[..64]), .. SHA256.HashData(tar)];
            string forged = Convert.ToHexStringLower(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), message));
            File.Move(path, Path.Combine(Path.GetDirectoryName(path)!, prefix + forged + ".tar"));
        },
        ["a symlink to a file outside the cache"] = (t, path) =>
        {
            string outside = t._outside.Combine("outside.tar");
            File.Copy(path, outside);
            File.Delete(path);
            File.CreateSymbolicLink(path, outside);
        },
    };

    public static TheoryData<string> TamperingNames() => new(Tampering.Keys);

    [Theory]
    [MemberData(nameof(TamperingNames))]
    public async Task A_damaged_or_foreign_entry_is_never_used_and_is_written_again(string name)
    {
        (string digest, _) = await BuildAsync();
        string[] good = Entries;
        string victim = good.OrderByDescending(p => new FileInfo(p).Length).First();
        byte[] original = File.ReadAllBytes(victim);
        Tampering[name](this, victim);

        (string again, List<string> debug) = await BuildAsync();

        Assert.Equal(digest, again);
        Assert.Equal(good.Length - 1, debug.Count(m => m.Contains(UsedMessage, StringComparison.Ordinal)));
        Assert.Equal(good, Entries); // the entry is back under its own name, the foreign one gone
        Assert.Null(new FileInfo(victim).LinkTarget);
        Assert.Equal(original, File.ReadAllBytes(victim));
        if (File.Exists(_outside.Combine("outside.tar")))
        {
            Assert.Equal(original, File.ReadAllBytes(_outside.Combine("outside.tar"))); // not written through the link
        }
    }

    [Fact]
    public async Task Without_the_layer_cache_nothing_is_expanded()
    {
        var progress = new DebugProgress();
        BuildRequest request = HostileBuild.Request(Yaml, _cache.Path, progress) with { CacheLayers = false };
        using (BuiltImage image = await ImageBuilder.BuildAsync(request))
        {
        }
        Assert.Empty(Entries);
    }

    private async Task<(string Digest, List<string> Debug)> BuildAsync()
    {
        var progress = new DebugProgress();
        using BuiltImage image = await ImageBuilder.BuildAsync(HostileBuild.Request(Yaml, _cache.Path, progress));
        return (image.Digest, progress.Messages.ToList());
    }

    private sealed class DebugProgress : IBuildProgress
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public void Step(BuildStage stage, string message) { }

        public void Bytes(BuildStage stage, string item, long done, long? total) { }

        public void Warning(string message) { }

        public void Debug(string message) => Messages.Enqueue(message);
    }
}
