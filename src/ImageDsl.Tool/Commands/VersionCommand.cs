using System.CommandLine;
using System.Reflection;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image version`: the tool's version and platform.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of dotnet image.\n\nExample:\n  dotnet image version");
        command.SetAction(parse =>
        {
            var assembly = typeof(VersionCommand).Assembly;
            string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            parse.InvocationConfiguration.Output.WriteLine($"dotnet-image {version}");
            parse.InvocationConfiguration.Output.WriteLine($"runtime: .NET {Environment.Version} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})");
            return 0;
        });
        return command;
    }
}
