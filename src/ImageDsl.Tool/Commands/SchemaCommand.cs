using System.CommandLine;
using ImageDsl.Config;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image schema`: the JSON schema of apko.yaml, for editors and CI checks.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema",
            "Print the JSON Schema (draft 2020-12) of the image configuration, e.g. for an editor's YAML support.\n\n" +
            "Example:\n  dotnet image schema > apko.schema.json");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(ConfigurationSchema.Json);
            return 0;
        });
        return command;
    }
}
