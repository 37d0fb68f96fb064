using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using ImageDsl.Errors;
using ImageDsl.Rules;
using ImageDsl.Tool.Commands;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Cli;

/// <summary>Builds the `dotnet image` command tree and runs it.</summary>
internal static class ImageCli
{
    /// <summary>The command tree; <paramref name="extraCommands"/> are added beside the tool's (the test host's).</summary>
    public static RootCommand CreateRoot(IEnumerable<Command>? extraCommands = null)
    {
        var root = new RootCommand(
            "dotnet image: build OCI images from APK packages, declared as apko.yaml or as C#.\n\n" +
            "Examples:\n" +
            "  dotnet image show-config samples/hello/hello.yaml\n" +
            "  dotnet image build samples/hello/hello.yaml hello:latest hello.tar")
        {
            GlobalOptions.LogLevel,
            GlobalOptions.WorkDir,
            GlobalOptions.NonInteractive,
            GlobalOptions.NoColor,
        };
        foreach (Command command in CommandCatalog.All().Concat(extraCommands ?? []))
        {
            root.Subcommands.Add(command);
        }
        // `dotnet image` alone shows the help instead of a "required command" error.
        RootHelpAction.Install(root);
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        RunAsync(args, stdout, stderr, CancellationToken.None);

    /// <summary>Parses and runs; <paramref name="cancellationToken"/> acts like Ctrl+C (tests use it).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout, TextWriter? stderr, CancellationToken cancellationToken,
        IEnumerable<Command>? extraCommands = null)
    {
        RootCommand root = CreateRoot(extraCommands);
        ParseResult parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = stdout ?? StandardStreams.Output,
            Error = stderr ?? StandardStreams.Error,
            EnableDefaultExceptionHandler = false,
            // Signals are ours (SignalCancellation): one behaviour for SIGINT and SIGTERM, exit 130.
            ProcessTerminationTimeout = null,
        };
        if (parse.Action is ParseErrorAction)
        {
            return ReportUsageErrors(parse, configuration.Error);
        }
        using var signals = new SignalCancellation(cancellationToken, parse.Action is AsynchronousCommandLineAction);
        return await CommandRunner.InvokeAsync(parse, configuration, signals.Token);
    }

    /// <summary>Usage errors: the parser's messages, a pointer to `--help`, exit 2.</summary>
    private static int ReportUsageErrors(ParseResult parse, TextWriter stderr)
    {
        var errors = new ErrorWriter(stderr, CommandRunner.Colours(parse, stderr), ErrorWriter.InlineHintsRequested());
        // Several missing arguments give the same message once each; say it once.
        foreach (string message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            errors.Error(ErrorCodes.For(ErrorKind.Configuration), message, null);
        }
        string? suggestion = SuggestCommand(parse);
        string help = $"run '{CommandPath(parse.CommandResult)} --help' for usage.";
        errors.Hint(suggestion is null ? Capitalise(help) : $"Did you mean '{suggestion}'? Or {help}");
        return ExitCodes.Usage;
    }

    /// <summary>The closest subcommand to an unknown word, for "did you mean" (at most 2 edits).</summary>
    private static string? SuggestCommand(ParseResult parse)
    {
        Command command = parse.CommandResult.Command;
        string? unknown = parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
        if (unknown is null || command.Subcommands.Count == 0)
        {
            return null;
        }
        return command.Subcommands
            .Where(c => !c.Hidden)
            .Select(c => (c.Name, Distance: EditDistance.Between(unknown, c.Name)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>`dotnet image build`: how the user names the command that failed to parse.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = current.Parent)
        {
            if (command.Command is not RootCommand)
            {
                names.Insert(0, command.Command.Name);
            }
        }
        return string.Join(' ', ["dotnet image", .. names]);
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
