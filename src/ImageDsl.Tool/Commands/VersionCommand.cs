using System.CommandLine;
using System.Text.Json.Nodes;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image version`: the tool's version, commit, runtime and platform.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        Option<string> format = OutputFormatOption.Create();
        var command = new Command("version",
            "Print the version of dotnet image, the commit it was built from, the .NET runtime and the platform.\n\n" +
            "Example:\n  dotnet image version --format json")
        {
            format,
        };
        command.SetAction(parse =>
        {
            ToolVersion version = ToolVersion.Current;
            CommandOutput.Create(parse).WriteResult(
                new JsonObject
                {
                    ["name"] = "dotnet-image",
                    ["version"] = version.Version,
                    ["commit"] = version.Commit,
                    ["runtime"] = ToolVersion.Runtime,
                    ["os"] = ToolVersion.OperatingSystem,
                    ["arch"] = ToolVersion.ProcessArchitecture,
                    ["rid"] = ToolVersion.RuntimeIdentifier,
                },
                text =>
                {
                    text.WriteLine($"dotnet-image {version.Version}");
                    text.WriteLine($"  commit:   {version.Commit ?? "unknown"}");
                    text.WriteLine($"  runtime:  {ToolVersion.Runtime}");
                    text.WriteLine($"  os:       {ToolVersion.OperatingSystem}");
                    text.WriteLine($"  arch:     {ToolVersion.ProcessArchitecture} ({ToolVersion.RuntimeIdentifier})");
                });
            return 0;
        });
        return command;
    }
}
