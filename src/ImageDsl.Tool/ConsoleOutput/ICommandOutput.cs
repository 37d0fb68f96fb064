using System.Text.Json.Nodes;
using ImageDsl.Progress;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// Where a command's result goes. Text for people by default; with `--format json`, exactly one JSON
/// document on stdout and everything else (notes, progress, errors) on stderr, so
/// `dotnet image version --format json | jq .version` always parses.
/// <code>
/// ICommandOutput output = CommandOutput.Create(parse);
/// output.WriteResult(
///     new JsonObject { ["cacheDir"] = dir, ["bytes"] = size },
///     text => text.WriteLine($"{dir}: {ByteSize.Format(size)}"));
/// </code>
/// </summary>
internal interface ICommandOutput
{
    /// <summary>The user asked for `--format json`.</summary>
    bool IsJson { get; }

    /// <summary>
    /// Writes the result once: <paramref name="json"/> (indented, camelCase keys by convention) on stdout in
    /// JSON mode, otherwise whatever <paramref name="text"/> writes to stdout.
    /// </summary>
    void WriteResult(JsonNode json, Action<TextWriter> text);

    /// <summary>A line for people that is not the result ("wrote ..."): stdout in text mode, stderr in JSON mode.</summary>
    void WriteNote(string line);
}
