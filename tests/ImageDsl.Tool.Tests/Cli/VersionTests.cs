using System.Text.Json;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

public class VersionTests
{
    [Fact]
    public async Task Version_text_names_the_version_commit_runtime_and_platform()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await ImageCli.RunAsync(["version"], stdout, new StringWriter()));
        string[] lines = stdout.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Matches(@"^dotnet-image \d+\.\d+\.\d+", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  commit:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"  runtime:  .NET {Environment.Version}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  arch:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_json_is_one_document()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await ImageCli.RunAsync(["version", "--format", "json"], stdout, new StringWriter()));
        using JsonDocument json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("dotnet-image", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(ToolVersion.Current.Version, json.RootElement.GetProperty("version").GetString());
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, json.RootElement.GetProperty("rid").GetString());
    }

    [Theory]
    [InlineData("0.1.0+abc123", "0.1.0", "abc123")]
    [InlineData("1.2.3-beta.4", "1.2.3-beta.4", null)]
    [InlineData("", "0.0.0", null)]
    [InlineData("2.0.0+", "2.0.0", null)]
    public void Informational_versions_split_into_version_and_commit(string text, string version, string? commit) =>
        Assert.Equal(new ToolVersion(version, commit), ToolVersion.Parse(text));
}
