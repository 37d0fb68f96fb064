using System.CommandLine;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// Creates the progress reporter a command hands to the engine:
/// <code>
/// using ConsoleProgress progress = ConsoleReporter.Create(parse, parse.InvocationConfiguration.Error);
/// await engine.BuildAsync(..., progress, cancellationToken);
/// </code>
/// Live progress on a terminal, plain lines in CI, pipes, `--non-interactive` or `TERM=dumb`; nothing
/// below `--log-level`. Dispose it before printing the result so a live line never mixes with output.
/// </summary>
internal static class ConsoleReporter
{
    /// <summary>The reporter for this invocation's flags and <paramref name="stderr"/>.</summary>
    public static ConsoleProgress Create(ParseResult parse, TextWriter stderr)
    {
        TerminalCapabilities terminal = TerminalCapabilities.ForStandardError(
            stderr, parse.GetValue(GlobalOptions.NonInteractive), parse.GetValue(GlobalOptions.NoColor));
        return Create(stderr, terminal, LogLevels.Parse(parse.GetValue(GlobalOptions.LogLevel)), TimeProvider.System);
    }

    /// <summary>The reporter for explicit capabilities (tests, and callers without a parse result).</summary>
    public static ConsoleProgress Create(TextWriter stderr, TerminalCapabilities terminal, LogLevel level, TimeProvider time) =>
        terminal.Live && level <= LogLevel.Info
            ? new LiveProgress(stderr, level, terminal, time)
            : new PlainProgress(stderr, level);
}
