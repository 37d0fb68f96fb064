using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tests.ConsoleOutput;

public class TerminalCapabilitiesTests
{
    private static TerminalCapabilities Decide(bool terminal, bool nonInteractive = false, bool noColor = false, params (string, string)[] env)
    {
        var values = env.ToDictionary(e => e.Item1, e => e.Item2);
        return TerminalCapabilities.Decide(terminal, nonInteractive, noColor, name => values.GetValueOrDefault(name), () => 120);
    }

    [Fact]
    public void A_terminal_gets_live_colour_output()
    {
        TerminalCapabilities caps = Decide(true, env: ("TERM", "xterm-256color"));
        Assert.True(caps.Live);
        Assert.True(caps.Ansi);
        Assert.Equal(120, caps.Width);
    }

    [Fact]
    public void A_pipe_or_file_gets_plain_output() => Assert.Equal((false, false), (Decide(false).Live, Decide(false).Ansi));

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "1")]
    [InlineData("CI", "false")] // any non-empty value, as the brief and most tools read it
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TF_BUILD", "True")]
    [InlineData("GITLAB_CI", "true")]
    public void Ci_variables_mean_plain_lines_even_on_a_terminal(string name, string value)
    {
        TerminalCapabilities caps = Decide(true, env: (name, value));
        Assert.False(caps.Live);
        Assert.False(caps.Ansi);
    }

    [Fact]
    public void An_empty_ci_variable_does_not_count() => Assert.True(Decide(true, env: ("CI", "")).Live);

    [Fact]
    public void Non_interactive_flag_and_dumb_terminals_get_plain_lines()
    {
        Assert.False(Decide(true, nonInteractive: true).Live);
        Assert.False(Decide(true, env: ("TERM", "dumb")).Live);
    }

    [Fact]
    public void No_color_keeps_the_live_line_but_drops_every_escape_code()
    {
        foreach (TerminalCapabilities caps in new[] { Decide(true, env: ("NO_COLOR", "1")), Decide(true, noColor: true) })
        {
            Assert.True(caps.Live);
            Assert.False(caps.Ansi);
        }
    }

    [Theory]
    [InlineData("C.UTF-8", true)]
    [InlineData("en_US.utf8", true)]
    [InlineData("C", false)]
    [InlineData("", false)]
    public void Bar_glyphs_need_a_utf8_locale(string lang, bool unicode) => Assert.Equal(unicode, Decide(true, env: ("LANG", lang)).Unicode);

    [Fact]
    public void Lc_all_overrides_lang() => Assert.False(Decide(true, env: [("LANG", "C.UTF-8"), ("LC_ALL", "C")]).Unicode);

    [Fact]
    public void The_width_is_only_measured_for_live_output()
    {
        bool measured = false;
        TerminalCapabilities.Decide(false, false, false, _ => null, () => { measured = true; return 100; });
        Assert.False(measured);
    }
}
