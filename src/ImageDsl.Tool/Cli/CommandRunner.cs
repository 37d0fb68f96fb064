using System.CommandLine;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// Runs a parsed command and turns failures into one short message and a documented exit code:
/// user errors never show a stack trace unless `--log-level debug`.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(ParseResult parse, InvocationConfiguration configuration)
    {
        TextWriter stderr = configuration.Error;
        bool debug = string.Equals(parse.GetValue(GlobalOptions.LogLevel), "debug", StringComparison.OrdinalIgnoreCase);
        string? workDir = parse.GetValue(GlobalOptions.WorkDir);
        try
        {
            if (!string.IsNullOrEmpty(workDir))
            {
                if (!Directory.Exists(workDir))
                {
                    throw new ImageDslException(ErrorKind.Configuration, $"--workdir '{workDir}' is not a directory", "Give an existing directory to -C/--workdir.");
                }
                Directory.SetCurrentDirectory(workDir);
            }
            return await parse.InvokeAsync(configuration);
        }
        catch (ConfigurationException error)
        {
            foreach (ConfigurationDiagnostic diagnostic in error.Diagnostics)
            {
                stderr.WriteLine(diagnostic.ToString());
                stderr.WriteLine($"  hint: {diagnostic.Info.Hint}");
            }
            return error.ExitCode;
        }
        catch (ImageDslException error)
        {
            stderr.WriteLine($"error: {error.Message}");
            if (error.Hint is not null)
            {
                stderr.WriteLine($"  hint: {error.Hint}");
            }
            if (debug)
            {
                stderr.WriteLine(error.ToString());
            }
            return error.ExitCode;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled; no output was written.");
            return ExitCodes.Cancelled;
        }
        catch (Exception error)
        {
            stderr.WriteLine($"error: internal error: {error.Message}");
            stderr.WriteLine(debug ? error.ToString() : "  hint: run again with --log-level debug for details, and report it.");
            return ExitCodes.BuildFailure;
        }
    }
}
