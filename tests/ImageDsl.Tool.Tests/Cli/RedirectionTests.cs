using System.Text;
using System.Text.RegularExpressions;

namespace ImageDsl.Tests.Cli;

/// <summary>
/// The real binary's output survives the shell's redirections byte for byte: it writes with write(2) at the
/// descriptors' shared offset, so stdout and stderr into one file, appends and other writers before and
/// after it all end up in order (a FileStream's pwrite(2) at its own offset overwrote them).
/// </summary>
public class RedirectionTests
{
    private static readonly string Version = ToolProcess.Run(["version"]).StandardOutput;

    /// <summary>Runs <paramref name="script"/> with `sh -c` in <paramref name="directory"/>; the tool is "$TOOL".</summary>
    private static ProcessResult Shell(string script, string directory) =>
        ProcessRunner.Run("/bin/sh", ["-c", script], workingDirectory: directory,
            environment: ToolProcess.CleanEnvironment(("TOOL", ToolProcess.Path)), timeout: TimeSpan.FromSeconds(120));

    private static string Read(TempDirectory work, string name) => File.ReadAllText(work.Combine(name), Encoding.UTF8);

    /// <summary>What `dotnet image no-such-command` writes to stderr (exit 2).</summary>
    private static string UsageError()
    {
        ProcessResult result = ToolProcess.Run(["no-such-command"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.NotEqual("", result.StandardError);
        return result.StandardError;
    }

    [Fact]
    public void A_shell_group_keeps_the_other_writers_before_and_after()
    {
        using var work = new TempDirectory();
        ProcessResult result = Shell("""{ echo a; "$TOOL" version; echo b; } > f""", work.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("dotnet-image ", Version);
        Assert.Equal("a\n" + Version + "b\n", Read(work, "f"));
    }

    [Fact]
    public void Both_streams_into_one_file_stay_in_write_order()
    {
        using var work = new TempDirectory();
        string usage = UsageError();
        ProcessResult result = Shell("""{ echo a; "$TOOL" version; "$TOOL" no-such-command; echo b; "$TOOL" version; } > f 2>&1""", work.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("a\n" + Version + usage + "b\n" + Version, Read(work, "f"));
    }

    [Fact]
    public void Two_files_each_get_their_own_stream()
    {
        using var work = new TempDirectory();
        string usage = UsageError();
        ProcessResult result = Shell("""{ echo a; "$TOOL" version; "$TOOL" no-such-command; echo b; } > out 2> err""", work.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("a\n" + Version + "b\n", Read(work, "out"));
        Assert.Equal(usage, Read(work, "err"));
    }

    [Fact]
    public void Appending_adds_after_what_the_file_held()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.Combine("f"), "earlier line\n");
        string usage = UsageError();
        ProcessResult result = Shell("""{ "$TOOL" version >> f; "$TOOL" no-such-command 2>> f; echo after >> f; }""", work.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("earlier line\n" + Version + usage + "after\n", Read(work, "f"));
    }

    [Fact]
    public void A_pipe_carries_the_output_and_a_reader_that_leaves_early_is_no_failure()
    {
        using var work = new TempDirectory();
        ProcessResult piped = Shell("""{ echo a; "$TOOL" version; echo b; } | cat > f""", work.Path);
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Equal("a\n" + Version + "b\n", Read(work, "f"));

        // `set -o pipefail` is not in every sh: read the tool's own status through the group.
        ProcessResult closed = Shell("""{ "$TOOL" version; echo "status $?" >&2; } | head -c 3""", work.Path);
        Assert.Equal("dot", closed.StandardOutput);
        Assert.Equal("status 0\n", closed.StandardError);
    }

    [Fact]
    public void A_real_build_into_one_file_keeps_every_line_intact()
    {
        using var work = new TempDirectory();
        TestRepository repo = TestRepositories.CreateBusyboxRepository(work.Combine("repo"));
        File.WriteAllText(work.Combine("image.yaml"), $"""
            contents:
              repositories: [{repo.Root}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            archs: [amd64]
            """);
        ProcessResult result = Shell(
            """{ echo before; "$TOOL" build image.yaml log:1 out.tar --cache-dir cache --sbom-path sboms --log-level debug; echo after; } > log 2>&1""",
            work.Path);
        Assert.True(result.ExitCode == 0, result.ToString());

        string log = Read(work, "log");
        Assert.EndsWith("\n", log);
        string[] lines = log[..^1].Split('\n');
        Assert.Equal("before", lines[0]);
        Assert.Equal("after", lines[^1]);
        string digest = lines[^2];
        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        var logLine = new Regex(@"^(\[(index|resolve|fetch|install|layer|write)\] \S.*|debug: \S.*|warning: \S.*)$");
        foreach (string line in lines[1..^2])
        {
            Assert.True(logLine.IsMatch(line), $"damaged line {line}\n--- whole log ---\n{log}");
        }
        Assert.Contains("[resolve] amd64: 1 packages", lines);
        Assert.Contains($"[write] wrote image tar out.tar: {digest}", lines);
        Assert.Contains(lines, line => line.StartsWith("debug: ", StringComparison.Ordinal));
    }
}
