using System.Text.RegularExpressions;
using ImageDsl.Errors;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

/// <summary>Exit codes are a public contract: the enum, the constants and docs/cli.md must agree.</summary>
public partial class ExitCodeTests
{
    [Fact]
    public void Exit_codes_are_the_error_kinds()
    {
        Assert.Equal(
            [1, 2, 3, 4, 5, 6, 7, 130],
            Enum.GetValues<ErrorKind>().Select(k => (int)k).Order());
        Assert.Equal((int)ErrorKind.Configuration, ExitCodes.Usage);
        Assert.Equal((int)ErrorKind.Network, ExitCodes.Network);
        Assert.Equal((int)ErrorKind.Cancelled, ExitCodes.Cancelled);
    }

    [Fact]
    public void The_cli_documentation_lists_every_exit_code()
    {
        string doc = File.ReadAllText(Fixtures.Repo("docs", "cli.md"));
        int section = doc.IndexOf("## Exit codes", StringComparison.Ordinal);
        Assert.True(section >= 0, "docs/cli.md has no \"## Exit codes\" section");
        int end = doc.IndexOf("\n## ", section + 3, StringComparison.Ordinal);
        string table = doc[section..(end < 0 ? doc.Length : end)];
        int[] documented = TableCode().Matches(table).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal([0, .. Enum.GetValues<ErrorKind>().Select(k => (int)k).Order()], documented.Order());
    }

    [Fact]
    public void Each_kind_has_a_documented_code()
    {
        string diagnostics = File.ReadAllText(Fixtures.Repo("docs", "diagnostics.md"));
        string cli = File.ReadAllText(Fixtures.Repo("docs", "cli.md"));
        foreach (ErrorKind kind in Enum.GetValues<ErrorKind>())
        {
            string code = ErrorCodes.For(kind);
            Assert.Equal($"IMG{1000 + (int)kind}", code);
            Assert.Contains($"| {code} | {(int)kind} |", diagnostics);
            Assert.Contains($"| {(int)kind} | {code}", cli);
            Assert.Equal(code, new ImageDslException(kind, "x").Code);
        }
        Assert.Contains($"| {ErrorCodes.Internal} | 1 |", diagnostics);
    }

    [Fact]
    public async Task A_failure_prints_its_code_with_the_message()
    {
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(["-C", "/no/such/dir", "version"], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.StartsWith("error IMG1002: --workdir '/no/such/dir' is not a directory\n", stderr.ToString());
    }

    [GeneratedRegex(@"^\| `?(\d+)`? \|", RegexOptions.Multiline)]
    private static partial Regex TableCode();
}
