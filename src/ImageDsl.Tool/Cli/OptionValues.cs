namespace ImageDsl.Tool.Cli;

/// <summary>apko's string-slice flags: each may be repeated and takes comma-separated values.</summary>
internal static class OptionValues
{
    /// <summary>Every value of a repeated, comma-separated option, trimmed, empty ones dropped.</summary>
    public static string[] Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
