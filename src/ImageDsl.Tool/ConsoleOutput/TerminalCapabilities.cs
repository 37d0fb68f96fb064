namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// What the stderr writer can show. Live progress (redrawn in place) needs a terminal, no CI and no
/// `--non-interactive`; escape codes additionally need no `NO_COLOR`/`--no-color`. Anything else gets plain
/// lines with no escape codes at all, which is what log files and CI consoles want.
/// </summary>
/// <param name="Live">Redraw a progress line in place (a terminal a person is watching).</param>
/// <param name="Ansi">Escape codes allowed: colours, erase-line. False under NO_COLOR even on a terminal.</param>
/// <param name="Unicode">The terminal's locale is UTF-8, so bar glyphs render.</param>
/// <param name="Width">Columns available for the live line.</param>
internal sealed record TerminalCapabilities(bool Live, bool Ansi, bool Unicode, int Width)
{
    /// <summary>Plain output: a file, a pipe, a test's StringWriter.</summary>
    public static TerminalCapabilities Plain { get; } = new(false, false, false, 80);

    /// <summary>
    /// Environment variables that mean "running in CI" (any non-empty value). Every one is checked:
    /// `CI=false` does not hide `GITHUB_ACTIONS=true`.
    /// </summary>
    public static IReadOnlyList<string> CiVariables { get; } =
    [
        "CI", "GITHUB_ACTIONS", "TF_BUILD", "JENKINS_URL", "GITLAB_CI", "CIRCLECI", "TRAVIS", "BUILDKITE",
        "APPVEYOR", "TEAMCITY_VERSION", "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID",
    ];

    /// <summary>Decides from the facts; pure, so tests can pin every combination.</summary>
    /// <param name="isTerminal">The writer is the process's stderr and stderr is a terminal.</param>
    /// <param name="nonInteractive">`--non-interactive` was given.</param>
    /// <param name="noColor">`--no-color` was given.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="terminalWidth">Measures the terminal's width (0 when unknown); asked only for live output.</param>
    public static TerminalCapabilities Decide(
        bool isTerminal, bool nonInteractive, bool noColor, Func<string, string?> environment, Func<int> terminalWidth)
    {
        bool ci = CiVariables.Any(name => !string.IsNullOrEmpty(environment(name)));
        bool dumb = string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        bool live = isTerminal && !ci && !nonInteractive && !dumb;
        bool ansi = live && !noColor && string.IsNullOrEmpty(environment("NO_COLOR"));
        int width = ColumnsFor(live ? terminalWidth() : 0, environment);
        return new TerminalCapabilities(live, ansi, IsUtf8Locale(environment), width);
    }

    /// <summary>The capabilities of <paramref name="writer"/>: a terminal only when it is this process's stderr.</summary>
    public static TerminalCapabilities ForStandardError(TextWriter writer, bool nonInteractive, bool noColor)
    {
        bool isTerminal = StandardStreams.IsStandardError(writer) && StandardStreams.ErrorIsTerminal;
        return Decide(isTerminal, nonInteractive, noColor, Environment.GetEnvironmentVariable, StandardStreams.TerminalWidth);
    }

    private static bool IsUtf8Locale(Func<string, string?> environment)
    {
        // POSIX precedence: LC_ALL overrides LC_CTYPE overrides LANG.
        string? locale = new[] { "LC_ALL", "LC_CTYPE", "LANG" }.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return locale is not null
            && (locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private static int ColumnsFor(int terminalWidth, Func<string, string?> environment)
    {
        if (terminalWidth > 0)
        {
            return terminalWidth;
        }
        return int.TryParse(environment("COLUMNS"), out int columns) && columns > 0 ? columns : 80;
    }
}
