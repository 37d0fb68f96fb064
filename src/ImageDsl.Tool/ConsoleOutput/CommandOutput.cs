using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>The <see cref="ICommandOutput"/> of one invocation.</summary>
internal sealed class CommandOutput : ICommandOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // stdout is not HTML: keep '+', '<' and non-ASCII readable instead of \u002B escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public CommandOutput(bool json, TextWriter stdout, TextWriter stderr)
    {
        IsJson = json;
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <inheritdoc />
    public bool IsJson { get; }

    /// <summary>
    /// The output for this invocation: JSON when the invoked command has a `--format` option (see
    /// <see cref="OutputFormatOption"/>) whose value is `json`.
    /// </summary>
    public static ICommandOutput Create(ParseResult parse)
    {
        Option? format = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == OutputFormatOption.Name);
        bool json = format is Option<string> typed
            && string.Equals(parse.GetValue(typed), OutputFormatOption.Json, StringComparison.OrdinalIgnoreCase);
        return new CommandOutput(json, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }

    /// <inheritdoc />
    public void WriteResult(JsonNode json, Action<TextWriter> text)
    {
        if (IsJson)
        {
            _stdout.WriteLine(json.ToJsonString(JsonOptions));
        }
        else
        {
            text(_stdout);
        }
        _stdout.Flush();
    }

    /// <inheritdoc />
    public void WriteNote(string line) => (IsJson ? _stderr : _stdout).WriteLine(line);
}
