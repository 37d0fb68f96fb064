using ImageDsl.Progress;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tests.ConsoleOutput;

public class ProgressRenderingTests
{
    private static readonly TerminalCapabilities Colour = new(Live: true, Ansi: true, Unicode: true, Width: 100);
    private static readonly TerminalCapabilities NoColor = Colour with { Ansi = false };

    [Fact]
    public void The_live_line_is_redrawn_at_most_ten_times_a_second()
    {
        var time = new ManualTime();
        var output = new StringWriter();
        var progress = (LiveProgress)ConsoleReporter.Create(output, Colour, LogLevel.Info, time);

        for (int i = 0; i <= 1000; i++)
        {
            progress.Bytes(BuildStage.Fetch, "busybox", i * 10, 10_000);
        }
        Assert.Equal(1, progress.Redraws); // a thousand updates in no time: one draw

        time.Advance(TimeSpan.FromMilliseconds(99));
        progress.Bytes(BuildStage.Fetch, "busybox", 5000, 10_000);
        Assert.Equal(1, progress.Redraws);

        time.Advance(TimeSpan.FromMilliseconds(1));
        progress.Bytes(BuildStage.Fetch, "busybox", 6000, 10_000);
        Assert.Equal(2, progress.Redraws);
        Assert.Contains(" 60%", output.ToString());
    }

    [Fact]
    public void Live_output_redraws_in_place_with_erase_line_and_sums_the_items()
    {
        var time = new ManualTime();
        var output = new StringWriter();
        using (ConsoleProgress progress = ConsoleReporter.Create(output, Colour, LogLevel.Info, time))
        {
            progress.Step(BuildStage.Resolve, "amd64: 2 packages");
            progress.Bytes(BuildStage.Fetch, "musl", 1024, 2048);
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Bytes(BuildStage.Fetch, "zlib", 1024, 2048);
        }
        string text = output.ToString();
        Assert.Contains("\r\u001b[2K", text);
        Assert.Contains("amd64: 2 packages", text);
        Assert.Contains("2.0 KB / 4.0 KB", text);
        Assert.Contains("0/2", text);
        Assert.EndsWith("\r\u001b[2K", text); // disposing erases the live line
    }

    [Fact]
    public void Under_no_color_the_live_line_uses_carriage_returns_and_no_escape_code()
    {
        var time = new ManualTime();
        var output = new StringWriter();
        using (ConsoleProgress progress = ConsoleReporter.Create(output, NoColor, LogLevel.Debug, time))
        {
            progress.Step(BuildStage.Config, "demo.yaml");
            progress.Bytes(BuildStage.Fetch, "a-rather-long-package-name-1.0-r0", 10, 100);
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Warning("something to know");
            progress.Debug("detail");
            progress.Bytes(BuildStage.Fetch, "a-rather-long-package-name-1.0-r0", 100, 100);
        }
        string text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains('\r', text);
        Assert.Contains("warning: something to know\n", text);
        Assert.Contains("debug: detail\n", text);
    }

    [Fact]
    public void The_live_line_never_wraps()
    {
        var narrow = Colour with { Ansi = false, Width = 40 };
        var output = new StringWriter();
        var progress = ConsoleReporter.Create(output, narrow, LogLevel.Info, new ManualTime());
        progress.Bytes(BuildStage.Fetch, new string('x', 200), 1, 2);
        string line = output.ToString().TrimStart('\r');
        Assert.True(line.Length < 40, $"{line.Length} columns: '{line}'");
    }

    [Fact]
    public void Plain_output_is_one_line_per_event_and_an_item_line_when_it_completes()
    {
        var output = new StringWriter();
        using (ConsoleProgress progress = ConsoleReporter.Create(output, TerminalCapabilities.Plain, LogLevel.Info, new ManualTime()))
        {
            progress.Step(BuildStage.Resolve, "amd64: 1 package");
            progress.Bytes(BuildStage.Fetch, "busybox", 0, 2048);
            progress.Bytes(BuildStage.Fetch, "busybox", 1024, 2048);
            progress.Bytes(BuildStage.Fetch, "busybox", 2048, 2048);
            progress.Bytes(BuildStage.Fetch, "busybox", 2048, 2048);
            progress.Bytes(BuildStage.Layer, "sha256:ab", 10, null);
            progress.Warning("careful");
            progress.Debug("hidden at info");
        }
        Assert.Equal(
            "[resolve] amd64: 1 package\n[fetch] busybox 2.0 KB\nwarning: careful\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("debug", 4)]
    [InlineData("info", 3)]
    [InlineData("warn", 1)]
    [InlineData("error", 0)]
    public void The_log_level_filters_what_is_shown(string name, int lines)
    {
        LogLevel level = LogLevels.Parse(name);
        var output = new StringWriter();
        using (ConsoleProgress progress = ConsoleReporter.Create(output, TerminalCapabilities.Plain, level, new ManualTime()))
        {
            progress.Step(BuildStage.Config, "one");
            progress.Step(BuildStage.Write, "two");
            progress.Warning("three");
            progress.Debug("four");
        }
        Assert.Equal(lines, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Above_info_a_terminal_gets_no_live_line()
    {
        ConsoleProgress progress = ConsoleReporter.Create(new StringWriter(), Colour, LogLevel.Warn, new ManualTime());
        Assert.IsType<PlainProgress>(progress);
    }

    [Fact]
    public void Reports_after_dispose_are_ignored()
    {
        var output = new StringWriter();
        ConsoleProgress progress = ConsoleReporter.Create(output, TerminalCapabilities.Plain, LogLevel.Info, new ManualTime());
        progress.Dispose();
        progress.Step(BuildStage.Config, "late");
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Parallel_reports_do_not_interleave_lines()
    {
        var output = new StringWriter();
        using (ConsoleProgress progress = ConsoleReporter.Create(output, Colour, LogLevel.Info, new ManualTime()))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    progress.Bytes(BuildStage.Fetch, $"p{t}", i, 199);
                    if (i % 50 == 0)
                    {
                        progress.Step(BuildStage.Fetch, $"worker {t} at {i}");
                    }
                }
            })));
        }
        string[] steps = output.ToString().Split('\n').Where(l => l.Contains("worker")).ToArray();
        Assert.Equal(32, steps.Length);
        Assert.All(steps, l => Assert.Matches(@"fetch\s*(\u001b\[0m)? worker \d at \d+\r?$", l.Split("\u001b[2K").Last()));
    }
}
