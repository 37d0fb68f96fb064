using System.Text.Json;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

[Collection(ProcessWideStateCollection.Name)]
public class CleanCommandTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static string MakeCache(TempDirectory temp)
    {
        string cache = temp.Combine("cache");
        Directory.CreateDirectory(Path.Combine(cache, "https%3A%2F%2Fexample%2Fos", "x86_64"));
        File.WriteAllBytes(Path.Combine(cache, "https%3A%2F%2Fexample%2Fos", "x86_64", "APKINDEX.tar.gz"), new byte[1000]);
        File.WriteAllBytes(Path.Combine(cache, "pkg.apk"), new byte[24]);
        return cache;
    }

    [Fact]
    public async Task Dry_run_prints_the_size_and_removes_nothing()
    {
        using var temp = new TempDirectory();
        string cache = MakeCache(temp);
        var (exit, stdout, _) = await Run("clean", "--cache-dir", cache, "--dry-run");
        Assert.Equal(0, exit);
        Assert.Equal($"cache directory: {cache}\ncache size: 1.0 KB\ndry run: nothing was removed\n", stdout);
        Assert.True(File.Exists(Path.Combine(cache, "pkg.apk")));
    }

    [Fact]
    public async Task Clean_prints_the_size_then_removes_the_cache()
    {
        using var temp = new TempDirectory();
        string cache = MakeCache(temp);
        var (exit, stdout, _) = await Run("clean", "--cache-dir", cache);
        Assert.Equal(0, exit);
        Assert.Contains("cache size: 1.0 KB", stdout);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public async Task Clean_never_follows_a_symbolic_link_out_of_the_cache()
    {
        using var temp = new TempDirectory();
        string cache = MakeCache(temp);
        string precious = temp.Combine("precious");
        Directory.CreateDirectory(precious);
        File.WriteAllBytes(Path.Combine(precious, "keep.bin"), new byte[1 << 20]);
        Directory.CreateSymbolicLink(Path.Combine(cache, "link"), precious);

        var (exit, stdout, _) = await Run("clean", "--cache-dir", cache, "--format", "json");
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(1024, json.RootElement.GetProperty("bytes").GetInt64()); // the linked megabyte is not counted
        Assert.True(json.RootElement.GetProperty("removed").GetBoolean());
        Assert.False(Directory.Exists(cache));
        Assert.True(File.Exists(Path.Combine(precious, "keep.bin")));
    }

    [Fact]
    public async Task A_missing_cache_is_nothing_to_clean()
    {
        using var temp = new TempDirectory();
        var (exit, stdout, _) = await Run("clean", "--cache-dir", temp.Combine("none"));
        Assert.Equal(0, exit);
        Assert.Contains("does not exist, nothing to clean", stdout);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("~")]
    public async Task The_root_and_home_folders_are_refused(string dir)
    {
        string path = dir == "~" ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : dir;
        var (exit, _, stderr) = await Run("clean", "--cache-dir", path, "--dry-run");
        Assert.Equal(2, exit);
        Assert.StartsWith($"error IMG1002: refusing to remove {Path.GetFullPath(path)}", stderr);
        Assert.Contains("  hint: ", stderr);
        Assert.DoesNotContain(" at ", stderr); // no stack trace
    }

    [Fact]
    public void The_default_cache_follows_xdg()
    {
        string? saved = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/tmp/xdg-test");
            Assert.Equal("/tmp/xdg-test/imagedsl", CacheDirectory.Default());
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "relative/is/ignored");
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "imagedsl"), CacheDirectory.Default());
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved);
        }
    }
}
