namespace ImageDsl.Tests.Build;

/// <summary>Two builds of one config on "different machines": other temp dirs, TZ, umask, clock and cache.</summary>
public class ReproducibleBuildTests
{
    [Fact]
    public void Separate_processes_with_different_tz_umask_and_clock_give_identical_bytes()
    {
        using var work = new TempDirectory();
        string config = work.Combine("image.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{Fixtures.Shared("apko-cli-repo")}]
              keyring: [{Fixtures.Shared("apko-cli-repo", "melange.rsa.pub")}]
              packages: [replayout]
            accounts:
              users: [{"{"}username: app, uid: 1000{"}"}]
              run-as: app
            paths:
              - {"{"}path: /srv/data, type: directory, permissions: 0o750, uid: 1000, gid: 1000{"}"}
            archs: [amd64, arm64]
            """);
        string faketime = RequiredTool.Find("faketime", "faketime");
        string tool = Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll");

        string Build(string name, string umask, string tz, string? clock)
        {
            string dir = work.Combine(name);
            Directory.CreateDirectory(dir);
            string prefix = clock is null ? "" : $"'{faketime}' '{clock}' ";
            string script = $"umask {umask}; cd '{dir}'; {prefix}dotnet '{tool}' build '{config}' repro:1 out.tar --cache-dir cache --sbom-path sbom";
            ProcessResult result = ProcessRunner.Run("/bin/sh", ["-c", script], environment: new Dictionary<string, string?> { ["TZ"] = tz, ["SOURCE_DATE_EPOCH"] = null });
            Assert.True(result.ExitCode == 0, result.ToString());
            return Path.Combine(dir, "out.tar");
        }

        string first = Build("a", "022", "UTC", null);
        string second = Build("b", "077", "Pacific/Kiritimati", "2031-02-03 04:05:06");

        Assert.True(File.ReadAllBytes(first).AsSpan().SequenceEqual(File.ReadAllBytes(second)), "the image tars differ");
        Assert.Equal(File.ReadAllText(work.Combine("a", "sbom", "sbom-index.spdx.json")), File.ReadAllText(work.Combine("b", "sbom", "sbom-index.spdx.json")));
    }
}
