using System.Text.Json;
using System.Text.RegularExpressions;
using ImageDsl.Tests.Cli;

namespace ImageDsl.Tests.ConsoleOutput;

/// <summary>
/// The real tool, run the four ways people run it: at a terminal, redirected, in CI, with NO_COLOR.
/// `progress-demo`, a test-only command of the test host (tests/ImageDsl.Tool.TestHost), drives the reporter
/// through every stage with exact made-up sizes.
/// </summary>
public partial class TerminalOutputTests
{
    private static readonly string[] Demo = ["progress-demo", "--delay-ms", "5"];

    [Fact]
    public void At_a_terminal_progress_is_redrawn_in_place_with_ansi_codes()
    {
        ProcessResult result = ToolProcess.RunInTerminal(Demo, ToolProcess.CleanEnvironment(), ToolProcess.TestHostPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        string screen = result.StandardOutput;
        Assert.Contains("\r\u001b[2K", screen);              // erase-line redraws
        Assert.Contains("\u001b[36m", screen);               // coloured stage labels
        Assert.True(Redraws(screen) >= 3, $"expected live redraws:\n{Visible(screen)}");
        foreach (string stage in new[] { "config", "index", "resolve", "fetch", "install", "layer", "write", "push" })
        {
            Assert.Contains(stage, screen);
        }
        Assert.Matches(@"\d+%\s+[\d.]+ (B|KB|MB) / [\d.]+ (KB|MB)", screen); // bytes and a percentage beside the bar
        Assert.Contains("progress demo finished", screen);
    }

    [Fact]
    public void Redirected_output_is_plain_lines_without_escape_codes()
    {
        ProcessResult result = ToolProcess.Run(Demo, executable: ToolProcess.TestHostPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertPlain(result.StandardError);
        Assert.Contains("[resolve] amd64: 7 packages\n", result.StandardError);
        Assert.Contains("[fetch] busybox-1.37.0-r12 500.3 KB\n", result.StandardError);
        Assert.Equal("progress demo finished: 8 steps\n", result.StandardOutput);
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("GITHUB_ACTIONS", "true")]
    public void In_ci_a_terminal_still_gets_plain_lines(string variable, string value)
    {
        ProcessResult result = ToolProcess.RunInTerminal(Demo, ToolProcess.CleanEnvironment((variable, value)), ToolProcess.TestHostPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertPlain(result.StandardOutput);
        Assert.Contains("[fetch] zlib-1.3.1-r2 52.0 KB\r\n", result.StandardOutput);
    }

    [Fact]
    public void Non_interactive_flag_gives_plain_lines_at_a_terminal()
    {
        ProcessResult result = ToolProcess.RunInTerminal([.. Demo, "--non-interactive"], ToolProcess.CleanEnvironment(), ToolProcess.TestHostPath);
        AssertPlain(result.StandardOutput);
    }

    [Fact]
    public void No_color_at_a_terminal_writes_not_a_single_escape_code()
    {
        ProcessResult result = ToolProcess.RunInTerminal(Demo, ToolProcess.CleanEnvironment(("NO_COLOR", "1")), ToolProcess.TestHostPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.StandardOutput);
        Assert.True(Redraws(result.StandardOutput) >= 3, "the live line is still redrawn, with CR only");
        Assert.Contains("progress demo finished", result.StandardOutput);
    }

    [Fact]
    public void Json_format_keeps_stdout_machine_readable_while_progress_goes_to_stderr()
    {
        ProcessResult result = ToolProcess.Run([.. Demo, "--format", "json"], executable: ToolProcess.TestHostPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument document = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(8, document.RootElement.GetProperty("stages").GetInt32());
        Assert.Contains("[push] registry.example/demo:latest", result.StandardError);
    }

    [Fact]
    public void Log_level_warn_shows_only_warnings()
    {
        ProcessResult result = ToolProcess.Run([.. Demo, "--log-level", "warn"], executable: ToolProcess.TestHostPath);
        Assert.Equal("warning: demo: package busybox-1.37.0-r12 ships a setuid binary\n", result.StandardError);
    }

    [Fact]
    public void Log_level_debug_adds_debug_lines()
    {
        ProcessResult result = ToolProcess.Run([.. Demo, "--log-level", "debug"], executable: ToolProcess.TestHostPath);
        Assert.Contains("debug: config checksum sha256:", result.StandardError);
    }

    private static void AssertPlain(string text)
    {
        Assert.DoesNotContain('\u001b', text);
        Assert.Equal(0, Redraws(text));
        Assert.Contains("[config] demo.yaml: 1 image, archs amd64", text);
        Assert.Contains("warning: demo: package busybox-1.37.0-r12 ships a setuid binary", text);
    }

    /// <summary>Carriage returns that do not end a line: each one starts a redraw of the live line.</summary>
    private static int Redraws(string screen) => BareCarriageReturn().Matches(screen).Count;

    private static string Visible(string screen) => screen.Replace("\u001b", "ESC").Replace("\r", "<CR>");

    [GeneratedRegex("\r(?!\n)")]
    private static partial Regex BareCarriageReturn();
}
