using System.Diagnostics;
using ImageDsl.Tests.Registry;
using Microsoft.AspNetCore.Http;

namespace ImageDsl.Tests.Build;

/// <summary>
/// Ten mistakes a new user makes: each gets one clear message, the documented exit code, no stack
/// trace, and no partial output file.
/// </summary>
public class TypicalMistakesTests
{
    private static string Config(TempDirectory work, string packages = "replayout", string repository = "", string keyring = "", string archs = "[amd64]")
    {
        string path = work.Combine("image.yaml");
        File.WriteAllText(path, $"""
            contents:
              repositories: [{(repository.Length > 0 ? repository : Fixtures.Shared("apko-cli-repo"))}]
              keyring: [{(keyring.Length > 0 ? keyring : Fixtures.Shared("apko-cli-repo", "melange.rsa.pub"))}]
              packages: [{packages}]
            archs: {archs}
            """);
        return path;
    }

    private static async Task<(int Exit, string Err)> Build(TempDirectory work, string config, string output, params string[] more)
    {
        var result = await CliRun.Run(["build", config, "app:1", output, "--cache-dir", work.Combine("cache"), "--sbom=false", .. more]);
        Assert.DoesNotContain("   at ", result.Err); // never a stack trace
        Assert.False(File.Exists(output) && result.Exit != 0, "a failed build left an output file");
        return (result.Exit, result.Err);
    }

    [Fact]
    public async Task Missing_config()
    {
        using var work = new TempDirectory();
        var (exit, err) = await Build(work, work.Combine("nope.yaml"), work.Combine("out.tar"));
        Assert.Equal(2, exit);
        Assert.Contains("nope.yaml", err);
    }

    [Fact]
    public async Task Unknown_package()
    {
        using var work = new TempDirectory();
        var (exit, err) = await Build(work, Config(work, packages: "replayoutt"), work.Combine("out.tar"));
        Assert.Equal(3, exit);
        Assert.Contains("replayoutt", err);
        Assert.Contains("replayout", err.Replace("replayoutt", "")); // did you mean
    }

    [Fact]
    public async Task Unreachable_repository()
    {
        using var work = new TempDirectory();
        // A loopback port nothing listens on: refused at once, retried, then reported.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (exit, err) = await Build(work, Config(work, repository: $"http://127.0.0.1:{port}/repo"), work.Combine("out.tar"));
        Assert.Equal(4, exit);
        Assert.Contains($"127.0.0.1:{port}", err);
    }

    [Fact]
    public async Task Missing_key()
    {
        using var work = new TempDirectory();
        var (exit, err) = await Build(work, Config(work, keyring: work.Combine("missing.rsa.pub")), work.Combine("out.tar"));
        Assert.Equal(2, exit);
        Assert.Contains("missing.rsa.pub", err);
    }

    [Fact]
    public async Task Wrong_key()
    {
        using var work = new TempDirectory();
        string otherKey = Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub");
        var (exit, err) = await Build(work, Config(work, keyring: otherKey), work.Combine("out.tar"));
        Assert.Equal(5, exit);
        Assert.Contains("melange.rsa.pub", err);
    }

    [Fact]
    public async Task Wrong_arch()
    {
        using var work = new TempDirectory();
        var (exit, err) = await Build(work, Config(work, archs: "[amd65]"), work.Combine("out.tar"));
        Assert.Equal(2, exit);
        Assert.Contains("amd64", err); // did you mean
        Assert.Contains("image.yaml(", err);
    }

    [Fact]
    public async Task Bad_lock_file()
    {
        using var work = new TempDirectory();
        string lockPath = work.Combine("bad.lock.json");
        File.WriteAllText(lockPath, "{ this is not json");
        var (exit, err) = await Build(work, Config(work), work.Combine("out.tar"), "--lockfile", lockPath);
        Assert.Equal(2, exit);
        Assert.Contains("bad.lock.json", err);
    }

    [Fact]
    public async Task Output_not_writable()
    {
        using var work = new TempDirectory();
        var (exit, err) = await Build(work, Config(work), work.Combine("no-such-dir", "out.tar"));
        Assert.Equal(6, exit);
        Assert.Contains("no-such-dir", err);
    }

    [Fact]
    public async Task Disk_full()
    {
        using var work = new TempDirectory();
        string small = work.Combine("tiny");
        Directory.CreateDirectory(small);
        ProcessResult mount = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", small]);
        Assert.True(mount.ExitCode == 0, "mounting a tiny tmpfs needs root: " + mount);
        try
        {
            TestRepository busybox = TestRepositories.CreateBusyboxRepository(work.Combine("repo"));
            string config = Config(work, packages: "busybox", repository: busybox.Root, keyring: busybox.PublicKeyPath);
            var (exit, err) = await Build(work, config, Path.Combine(small, "out.tar"));
            Assert.Equal(6, exit);
            Assert.Contains("out.tar", err);
            Assert.Empty(Directory.GetFileSystemEntries(small)); // not even a temp file
        }
        finally
        {
            ProcessRunner.Run("umount", [small]);
        }
    }

    [Fact]
    public async Task Ctrl_c_mid_build_leaves_nothing_and_exits_130()
    {
        using var work = new TempDirectory();
        string repo = work.Combine("repo");
        CopyDirectory(Fixtures.Shared("apko-cli-repo"), repo);
        var stalled = new TaskCompletionSource();
        await using LoopbackHttpServer server = await LoopbackHttpServer.StartAsync(async context =>
        {
            string path = Path.Combine(repo, context.Request.Path.Value!.TrimStart('/'));
            if (path.EndsWith(".apk", StringComparison.Ordinal))
            {
                stalled.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted); // hold the download
            }
            if (!File.Exists(path))
            {
                context.Response.StatusCode = 404;
                return;
            }
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(path));
        });
        string config = Config(work, repository: $"http://{server.HostAndPort}");
        string output = work.Combine("out.tar");
        ProcessStartInfo start = DefaultSignals.StartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll"), "build", config, "app:1", output, "--cache-dir", work.Combine("cache"), "--sbom=false"]);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(60));
        ProcessRunner.Run("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(process.WaitForExit(30_000), "the build did not stop on Ctrl+C");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", await stderr);
        Assert.False(File.Exists(output));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to));
        }
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to));
        }
    }
}
