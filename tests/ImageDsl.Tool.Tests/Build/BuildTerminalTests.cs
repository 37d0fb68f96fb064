using ImageDsl.Tests.Cli;

namespace ImageDsl.Tests.Build;

/// <summary>A real `build` at a terminal shows live progress; redirected it writes one plain line per step.</summary>
public class BuildTerminalTests
{
    private static string[] BuildArgs(TempDirectory work)
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(work.Combine("repo"));
        string config = work.Combine("image.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{repo.Root}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            archs: [amd64]
            """);
        return ["build", config, "tty:1", work.Combine("out.tar"), "--cache-dir", work.Combine("cache"), "--sbom=false"];
    }

    [Fact]
    public void At_a_terminal_the_build_draws_live_progress()
    {
        using var work = new TempDirectory();
        ProcessResult result = ToolProcess.RunInTerminal(BuildArgs(work), ToolProcess.CleanEnvironment());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\u001b[", result.StandardOutput);
        foreach (string stage in new[] { "resolve", "fetch", "install", "layer", "write" })
        {
            Assert.Contains(stage, result.StandardOutput);
        }
    }

    [Fact]
    public void Redirected_the_build_writes_plain_lines()
    {
        using var work = new TempDirectory();
        ProcessResult result = ToolProcess.Run(BuildArgs(work));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.StandardError);
        Assert.Contains("[resolve] amd64: 1 packages", result.StandardError);
        Assert.Contains("[write] wrote image tar", result.StandardError);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", result.StandardOutput);
    }
}
