using System.CommandLine;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Progress;

namespace ImageDsl.Tool.Cli;

/// <summary>Progress and warnings for commands (the console reporter lands with the tool's output work).</summary>
internal static class Reporting
{
    public static IBuildProgress Create(ParseResult parse) => new PlainReporter(parse.InvocationConfiguration.Error,
        string.Equals(parse.GetValue(GlobalOptions.LogLevel), "debug", StringComparison.OrdinalIgnoreCase));

    public static void Warnings(ParseResult parse, LoadedConfiguration loaded)
    {
        foreach (ConfigurationDiagnostic warning in loaded.Warnings)
        {
            parse.InvocationConfiguration.Error.WriteLine(warning.ToString());
        }
    }

    private sealed class PlainReporter(TextWriter error, bool debug) : IBuildProgress
    {
        public void Step(BuildStage stage, string message) => error.WriteLine($"{stage.ToString().ToLowerInvariant()}: {message}");

        public void Bytes(BuildStage stage, string item, long done, long? total) { }

        public void Warning(string message) => error.WriteLine($"warning: {message}");

        public void Debug(string message)
        {
            if (debug)
            {
                error.WriteLine($"debug: {message}");
            }
        }
    }
}
