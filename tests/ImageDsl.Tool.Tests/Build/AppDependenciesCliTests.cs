namespace ImageDsl.Tests.Build;

/// <summary>
/// A local content folder whose `*.deps.json` is malformed: `build` fails with the error code, the file
/// and the package named, no stack trace, and neither an image nor an SBOM left behind.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AppDependenciesCliTests
{
    [Fact]
    public async Task A_malformed_deps_file_fails_the_build_before_any_output_is_written()
    {
        using var work = new TempDirectory("imagedsl-deps-cli");
        TestRepository repo = TestRepositories.CreateBusyboxRepository(work.Combine("repo"), "x86_64");
        string content = work.Combine("publish");
        Directory.CreateDirectory(content);
        File.WriteAllText(Path.Combine(content, "App.dll"), "not really an assembly");
        // Nested far deeper than any deps file: refused by the bounded parser.
        File.WriteAllText(Path.Combine(content, "App.deps.json"), "{\"libraries\":" + new string('[', 5000) + new string(']', 5000) + "}");
        string config = work.Combine("image.yaml");
        File.WriteAllText(config, $"contents:\n  repositories: [{repo.Root}]\n  keyring: [{repo.PublicKeyPath}]\n  packages: [busybox]\n" +
            $"  local:\n    - path: {content}\n      to: /app\n      name: myapp\n      version: 1.0.0-r0\narchs: [amd64]\n");
        string sboms = work.Combine("sboms");

        var (exit, _, err) = await CliRun.Run("build", config, "example.com/app:1", work.Combine("image.tar"),
            "--sbom-formats", "spdx,cyclonedx", "--sbom-path", sboms, "--cache-dir", work.Combine("cache"));

        Assert.Equal(1, exit);
        Assert.Contains("error IMG1001: ", err, StringComparison.Ordinal);
        Assert.Contains("/app/App.deps.json", err, StringComparison.Ordinal);
        Assert.Contains("'myapp'", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(work.Combine("image.tar")));
        Assert.True(!Directory.Exists(sboms) || Directory.GetFiles(sboms).Length == 0, string.Join(", ", Directory.Exists(sboms) ? Directory.GetFiles(sboms) : []));
    }
}
