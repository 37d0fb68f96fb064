using System.CommandLine;

namespace ImageDsl.Tool.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> LogLevel = new("--log-level")
    {
        Description = "Log level: debug, info, warn, error (debug also prints stack traces).",
        DefaultValueFactory = _ => "info",
        Recursive = true,
    };

    public static readonly Option<string?> WorkDir = new("--workdir", "-C")
    {
        Description = "Run as if started in this directory (paths and includes resolve against it).",
        Recursive = true,
    };

    public static readonly Option<bool> NonInteractive = new("--non-interactive")
    {
        Description = "Plain one-line-per-step logs, no progress bars (also when CI is set or stderr is not a terminal).",
        Recursive = true,
    };
}
