using System.CommandLine;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// The `--format text|json` option of commands that print a result. It is per command, not global,
/// because some apko commands already own `--format` with other values (`show-packages` templates);
/// such a command adds `json` to its own values and <see cref="CommandOutput.Create"/> still sees it.
/// </summary>
internal static class OutputFormatOption
{
    public const string Name = "--format";
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>A new `--format` option accepting text (default) and json.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>(Name)
        {
            Description = "Output format: text for people, json for scripts (one JSON document on stdout).",
            DefaultValueFactory = _ => Text,
            HelpName = "text|json",
        };
        option.AcceptOnlyFromAmong(Text, Json);
        return option;
    }
}
