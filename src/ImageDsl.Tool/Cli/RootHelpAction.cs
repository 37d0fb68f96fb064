using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// `dotnet image --help` lists each command by the first line of its description (System.CommandLine
/// would print every command's whole description, examples included). Help for a single command is
/// System.CommandLine's own, which shows that command's full description with its example.
/// </summary>
internal sealed class RootHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _standard = new();

    /// <summary>Installs this action on the root's `--help` (and on the root itself, for `dotnet image` alone).</summary>
    public static void Install(RootCommand root)
    {
        var action = new RootHelpAction();
        foreach (HelpOption help in root.Options.OfType<HelpOption>())
        {
            help.Action = action;
        }
        root.Action = action;
    }

    public override int Invoke(ParseResult parse)
    {
        if (parse.CommandResult.Command is not RootCommand root)
        {
            return _standard.Invoke(parse);
        }
        TextWriter output = parse.InvocationConfiguration.Output;
        string[] description = root.Description?.Split('\n') ?? [];
        output.WriteLine(description.FirstOrDefault() ?? "dotnet image");
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine("  dotnet image <command> [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        List<Command> commands = root.Subcommands.Where(c => !c.Hidden).ToList();
        int width = commands.Count == 0 ? 0 : commands.Max(c => c.Name.Length);
        foreach (Command command in commands)
        {
            output.WriteLine($"  {command.Name.PadRight(width)}  {FirstLine(command.Description)}");
        }
        output.WriteLine();
        output.WriteLine("Options:");
        List<(string Names, string Description)> options = root.Options
            .Where(o => !o.Hidden)
            .Select(o => (Names: OptionNames(o), Description: FirstLine(o.Description)))
            .ToList();
        int optionWidth = options.Max(o => o.Names.Length);
        foreach (var (names, text) in options)
        {
            output.WriteLine($"  {names.PadRight(optionWidth)}  {text}");
        }
        output.WriteLine();
        foreach (string line in description.Skip(1).SkipWhile(string.IsNullOrWhiteSpace))
        {
            output.WriteLine(line);
        }
        output.WriteLine();
        output.WriteLine("Run 'dotnet image <command> --help' for a command's arguments, options and an example.");
        return 0;
    }

    /// <summary>`-C, --workdir &lt;dir&gt;`: dash spellings only (not `/?`), short first, then the value's name.</summary>
    private static string OptionNames(Option option)
    {
        IEnumerable<string> names = option.Aliases.Append(option.Name)
            .Where(n => n.StartsWith('-') && n != "-?")
            .Distinct()
            .OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(n => n, StringComparer.Ordinal);
        string value = option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) ? "" : $" <{option.HelpName ?? option.Name.TrimStart('-')}>";
        return string.Join(", ", names) + value;
    }

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();
}
