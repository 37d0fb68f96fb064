namespace ImageDsl.Tests.Cli;

/// <summary>
/// Every command, run through the real `dotnet-image` binary against the bundled sample repository:
/// the exit code and the output a user sees.
/// </summary>
public sealed class EveryCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("imagedsl-every");

    private ProcessResult Run(params string[] args)
    {
        var environment = ToolProcess.CleanEnvironment(("XDG_CACHE_HOME", _work.Combine("cache")), ("DOCKER_CONFIG", _work.Combine("docker")));
        return ToolProcess.Run(["-C", Fixtures.RepositoryRoot, .. args], environment);
    }

    private string Ok(params string[] args)
    {
        ProcessResult result = Run(args);
        Assert.True(result.ExitCode == 0, string.Join(' ', args) + "\n" + result);
        return result.StandardOutput;
    }

    private const string Sample = "samples/hello/hello.yaml";

    [Fact]
    public void Reading_commands() 
    {
        Assert.StartsWith("dotnet-image ", Ok("version"));
        Assert.Contains("- hello-world", Ok("show-config", Sample));
        Assert.Contains("\"$schema\"", Ok("schema"));
        Assert.Contains("hello-world 1.0.0-r0", Ok("show-packages", Sample, "--arch", "amd64"));
        Assert.Contains("digraph", Ok("dot", Sample));
        Assert.Contains("hello-world", Ok("explain", Sample, "hello-baselayout"));
    }

    [Fact]
    public void Lock_then_build_and_minirootfs()
    {
        string lockPath = _work.Combine("hello.lock.json");
        Ok("lock", Sample, "--output", lockPath);
        Assert.Contains("\"version\": \"v1\"", File.ReadAllText(lockPath));
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", Ok("build", Sample, "hello:latest", _work.Combine("hello.tar"), "--lockfile", lockPath, "--sbom-path", _work.Path));
        Ok("build-minirootfs", Sample, _work.Combine("rootfs.tar.gz"), "--build-arch", "arm64");
        Assert.True(new FileInfo(_work.Combine("rootfs.tar.gz")).Length > 0);
    }

    [Fact]
    public void Keygen_pack_index_and_clean()
    {
        Ok("keygen", "demo", "-o", _work.Path);
        string content = _work.Combine("content");
        Directory.CreateDirectory(Path.Combine(content, "etc"));
        File.WriteAllText(Path.Combine(content, "etc", "demo.conf"), "demo=1\n");
        string repo = _work.Combine("repo", "x86_64");
        Directory.CreateDirectory(repo);
        Ok("pack", content, "--name", "demo", "--version", "1.0-r0", "--arch", "x86_64", "--sign", _work.Combine("demo.rsa"), "-o", repo + "/");
        Ok("index", _work.Combine("repo"), "--sign", _work.Combine("demo.rsa"));
        Assert.True(File.Exists(Path.Combine(repo, "APKINDEX.tar.gz")));
        Directory.CreateDirectory(_work.Combine("cache", "imagedsl"));
        Assert.Contains("B", Ok("clean", "--cache-dir", _work.Combine("cache", "imagedsl"), "--dry-run"));
    }

    [Fact]
    public void Usage_and_configuration_errors_exit_2_with_a_located_message()
    {
        ProcessResult missing = Run("build", Sample);
        Assert.Equal(2, missing.ExitCode);
        string bad = _work.Combine("bad.yaml");
        File.WriteAllText(bad, "contents:\n  pakages: [x]\n");
        ProcessResult unknownKey = Run("show-config", bad);
        Assert.Equal(2, unknownKey.ExitCode);
        Assert.Contains("bad.yaml(2,3): error IMG0001", unknownKey.StandardError);
    }

    public void Dispose() => _work.Dispose();
}
