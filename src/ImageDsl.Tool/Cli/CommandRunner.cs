using System.CommandLine;
using ImageDsl.Errors;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// Runs a parsed command and turns failures into one short message and a documented exit code:
/// user errors never show a stack trace unless `--log-level debug`; anything that fails after
/// cancellation was requested is reported as the cancellation it is (exit 130).
/// </summary>
internal static class CommandRunner
{
    public const string CancelledMessage = "cancelled; no output was written.";

    public static async Task<int> InvokeAsync(ParseResult parse, InvocationConfiguration configuration, CancellationToken cancellationToken = default)
    {
        bool debug = LogLevels.Parse(parse.GetValue(GlobalOptions.LogLevel)) == LogLevel.Debug;
        var errors = new ErrorWriter(configuration.Error, Colours(parse, configuration.Error), ErrorWriter.InlineHintsRequested());
        try
        {
            ChangeDirectory(parse.GetValue(GlobalOptions.WorkDir));
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested)
        {
            errors.Error(ErrorCodes.For(ErrorKind.Cancelled), CancelledMessage, null);
            if (debug && error is not OperationCanceledException)
            {
                errors.Raw(error.ToString());
            }
            return ExitCodes.Cancelled;
        }
        catch (ConfigurationException error)
        {
            foreach (ConfigurationDiagnostic diagnostic in error.Diagnostics)
            {
                errors.Diagnostic(diagnostic.ToString(), diagnostic.Hint);
            }
            return error.ExitCode;
        }
        catch (ImageDslException error)
        {
            errors.Error(error.Code, error.Message, error.Hint);
            if (debug)
            {
                errors.Raw(error.ToString());
            }
            return error.ExitCode;
        }
        catch (OperationCanceledException error) when (error.InnerException is TimeoutException)
        {
            // Cancelled without a signal or the caller asking: an HTTP timeout inside the command.
            errors.Error(ErrorCodes.For(ErrorKind.Network), $"timed out: {error.InnerException.Message}", "Check the network and the URL, then run again.");
            return ExitCodes.Network;
        }
        catch (Exception error)
        {
            errors.Error(ErrorCodes.Internal, $"internal error: {error.Message}", debug ? null : "Run again with --log-level debug for details, and report it.");
            if (debug)
            {
                errors.Raw(error.ToString());
            }
            return ExitCodes.BuildFailure;
        }
    }

    /// <summary>Whether error lines may use colour on <paramref name="stderr"/>.</summary>
    public static bool Colours(ParseResult parse, TextWriter stderr) =>
        TerminalCapabilities.ForStandardError(stderr, parse.GetValue(GlobalOptions.NonInteractive), parse.GetValue(GlobalOptions.NoColor)).Ansi;

    private static void ChangeDirectory(string? workDir)
    {
        if (string.IsNullOrEmpty(workDir))
        {
            return;
        }
        if (!Directory.Exists(workDir))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"--workdir '{workDir}' is not a directory", "Give an existing directory to -C/--workdir.");
        }
        Directory.SetCurrentDirectory(workDir);
    }
}
