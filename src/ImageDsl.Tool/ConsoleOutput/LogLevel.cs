namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>How much `dotnet image` writes to stderr (`--log-level`). Errors are always written.</summary>
internal enum LogLevel
{
    /// <summary>Everything, plus stack traces for errors.</summary>
    Debug,

    /// <summary>Steps and progress (the default).</summary>
    Info,

    /// <summary>Warnings only.</summary>
    Warn,

    /// <summary>Errors only.</summary>
    Error,
}

/// <summary>Parses the `--log-level` values.</summary>
internal static class LogLevels
{
    /// <summary>The accepted spellings, in help order.</summary>
    public static readonly string[] Names = ["debug", "info", "warn", "error"];

    /// <summary>The level a `--log-level` value names; unknown values (the parser refuses them) mean info.</summary>
    public static LogLevel Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warn,
        "error" => LogLevel.Error,
        _ => LogLevel.Info,
    };
}
