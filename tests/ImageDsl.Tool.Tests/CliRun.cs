using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests;

/// <summary>Runs `dotnet image` in-process and captures its output.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
