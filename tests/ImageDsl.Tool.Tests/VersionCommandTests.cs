using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests;

public class VersionCommandTests
{
    [Fact]
    public async Task Version_prints_the_tool_name_and_exits_zero()
    {
        var stdout = new StringWriter();
        int exit = await ImageCli.RunAsync(["version"], stdout, new StringWriter());
        Assert.Equal(0, exit);
        Assert.StartsWith("dotnet-image ", stdout.ToString());
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        int exit = await ImageCli.RunAsync(["no-such-command"], new StringWriter(), new StringWriter());
        Assert.Equal(2, exit);
    }
}
