using System.CommandLine;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> LogLevel = CreateLogLevel();

    public static readonly Option<string?> WorkDir = new("--workdir", "-C")
    {
        Description = "Run as if started in this directory (paths and includes resolve against it).",
        HelpName = "dir",
        Recursive = true,
    };

    public static readonly Option<bool> NonInteractive = new("--non-interactive")
    {
        Description = "Plain one-line-per-step logs, no progress bars (also when CI is set or stderr is not a terminal).",
        Recursive = true,
    };

    public static readonly Option<bool> NoColor = new("--no-color")
    {
        Description = "No colours or other escape codes (same as setting NO_COLOR).",
        Recursive = true,
    };

    private static Option<string> CreateLogLevel()
    {
        var option = new Option<string>("--log-level")
        {
            Description = "Log level: debug, info, warn, error (debug also prints stack traces).",
            DefaultValueFactory = _ => "info",
            HelpName = "level",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            string? value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !LogLevels.Names.Contains(value.ToLowerInvariant()) && !value.Equals("warning", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--log-level '{value}' is not one of: {string.Join(", ", LogLevels.Names)}.");
            }
        });
        return option;
    }
}
