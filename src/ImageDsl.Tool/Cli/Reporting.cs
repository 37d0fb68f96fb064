using System.CommandLine;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Cli;

/// <summary>Progress and configuration warnings for the commands that build.</summary>
internal static class Reporting
{
    /// <summary>The console reporter for this invocation (live on a terminal, plain lines otherwise); dispose it before printing results.</summary>
    public static ConsoleProgress Create(ParseResult parse) => ConsoleReporter.Create(parse, parse.InvocationConfiguration.Error);

    /// <summary>Prints the configuration's warnings on stderr.</summary>
    public static void Warnings(ParseResult parse, LoadedConfiguration loaded)
    {
        foreach (ConfigurationDiagnostic warning in loaded.Warnings)
        {
            parse.InvocationConfiguration.Error.WriteLine(warning.ToString());
        }
    }
}
