namespace ImageDsl.Tests.Hostile;

/// <summary>What a user sees when a repository was tampered with: exit code 5 (integrity), one error line naming the package and the fault, a hint, no stack trace.</summary>
public sealed class TamperedBuildExitCodeTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-hostile-cli");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_tampered_package_fails_the_build_with_exit_code_5_and_no_stack_trace()
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_temp.Combine("repo"));
        byte[] bytes = File.ReadAllBytes(repo.PackagePath);
        bytes[^100] ^= 0x01;
        File.WriteAllBytes(repo.PackagePath, bytes);
        string config = _temp.Combine("busybox.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{repo.Root}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            archs: [amd64]
            """);

        var (exit, _, err) = await CliRun.Run("build", config, "hostile:latest", _temp.Combine("out.tar"),
            "--cache-dir", _temp.Combine("cache"), "--sbom=false", "--vcs=false");

        Assert.Equal(5, exit);
        Assert.Contains($"error IMG1005: package busybox-{repo.Version} from {repo.PackagePath}: data hash mismatch", err);
        Assert.Contains("hint: ", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(File.Exists(_temp.Combine("out.tar")));
    }
}
