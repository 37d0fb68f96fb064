using System.CommandLine;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

/// <summary>Rules every command follows, checked over the whole tree so commands added later follow them too.</summary>
public class CommandTreeTests
{
    public static TheoryData<string> CommandPaths() => Paths(includeHidden: true);

    /// <summary>System.CommandLine prints no help for hidden commands, so only visible ones are rendered.</summary>
    public static TheoryData<string> VisibleCommandPaths() => Paths(includeHidden: false);

    private static TheoryData<string> Paths(bool includeHidden)
    {
        var data = new TheoryData<string>();
        foreach ((string path, Command command) in Walk(ImageCli.CreateRoot(), ""))
        {
            if (includeHidden || !command.Hidden)
            {
                data.Add(path);
            }
        }
        return data;
    }

    [Fact]
    public void The_tree_has_commands() => Assert.NotEmpty(CommandPaths());

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Every_command_describes_an_example_of_itself(string path)
    {
        Command command = Walk(ImageCli.CreateRoot(), "").Single(c => c.Path == path).Command;
        string description = command.Description ?? "";
        int example = description.IndexOf("Example:", StringComparison.Ordinal);
        Assert.True(example >= 0, $"'{path}' has no \"Example:\" line in its description");
        string firstExample = description[(example + "Example:".Length)..].TrimStart('\n', '\r').Split('\n')[0].Trim();
        Assert.StartsWith($"dotnet image {path}", firstExample);
        Assert.False(string.IsNullOrWhiteSpace(description[..example]), $"'{path}' needs a sentence before its example");
    }

    [Theory]
    [MemberData(nameof(VisibleCommandPaths))]
    public async Task Every_command_help_shows_its_example_and_exits_zero(string path)
    {
        var stdout = new StringWriter();
        int exit = await ImageCli.RunAsync([.. path.Split(' '), "--help"], stdout, new StringWriter());
        Assert.Equal(0, exit);
        Assert.Contains("Example:", stdout.ToString());
        Assert.Contains($"dotnet image {path}", stdout.ToString());
    }

    [Fact]
    public async Task Root_help_lists_visible_commands_by_their_first_line_only()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await ImageCli.RunAsync(["--help"], stdout, new StringWriter()));
        string help = stdout.ToString();
        Assert.Contains("Usage:\n  dotnet image <command> [options]", help.ReplaceLineEndings("\n"));
        Assert.Matches(@"\n  version\s+Print the version", help.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("progress-demo", help); // hidden
        Assert.DoesNotContain("dotnet image version --format json", help); // examples stay on the command's own help
        Assert.Contains("--log-level <level>", help);
    }

    [Fact]
    public async Task No_arguments_shows_the_help()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await ImageCli.RunAsync([], stdout, new StringWriter()));
        Assert.Contains("Commands:", stdout.ToString());
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string prefix)
    {
        foreach (Command sub in command.Subcommands)
        {
            string path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            yield return (path, sub);
            foreach (var nested in Walk(sub, path))
            {
                yield return nested;
            }
        }
    }
}
