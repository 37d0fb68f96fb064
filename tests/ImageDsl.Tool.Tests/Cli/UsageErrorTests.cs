using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

public class UsageErrorTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_unknown_option_exits_2_with_the_parser_message_and_a_pointer_to_help()
    {
        var (exit, stdout, stderr) = await Run("clean", "--bogus");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("error IMG1002: Unrecognized command or argument '--bogus'.\n  hint: Run 'dotnet image clean --help' for usage.\n", stderr);
    }

    [Fact]
    public async Task A_mistyped_command_gets_a_did_you_mean()
    {
        var (exit, _, stderr) = await Run("verison");
        Assert.Equal(2, exit);
        Assert.Contains("error IMG1002: Unrecognized command or argument 'verison'.", stderr);
        Assert.Contains("hint: Did you mean 'version'? Or run 'dotnet image --help' for usage.", stderr);
    }

    [Fact]
    public async Task A_bad_option_value_is_a_usage_error()
    {
        var (exit, _, stderr) = await Run("version", "--format", "yaml");
        Assert.Equal(2, exit);
        Assert.StartsWith("error IMG1002: ", stderr);
        Assert.Contains("yaml", stderr);
    }

    [Fact]
    public async Task An_unknown_log_level_is_a_usage_error()
    {
        var (exit, _, stderr) = await Run("version", "--log-level", "loud");
        Assert.Equal(2, exit);
        Assert.Contains("--log-level 'loud' is not one of: debug, info, warn, error.", stderr);
    }

    [Fact]
    public async Task A_missing_workdir_is_a_configuration_error_without_a_stack_trace()
    {
        var (exit, _, stderr) = await Run("-C", "/no/such/dir", "version");
        Assert.Equal(2, exit);
        Assert.Equal("error IMG1002: --workdir '/no/such/dir' is not a directory\n  hint: Give an existing directory to -C/--workdir.\n", stderr);
    }
}
