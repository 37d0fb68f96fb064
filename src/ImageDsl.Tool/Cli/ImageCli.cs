using System.CommandLine;
using ImageDsl.Tool.Commands;

namespace ImageDsl.Tool.Cli;

/// <summary>Builds the `dotnet image` command tree and runs it.</summary>
internal static class ImageCli
{
    public static RootCommand CreateRoot()
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
        };
        foreach (Command command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        RootCommand root = CreateRoot();
        ParseResult parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        if (parse.Errors.Count > 0)
        {
            // Usage errors: System.CommandLine prints them with help; the exit code is ours.
            await parse.InvokeAsync(configuration);
            return ExitCodes.Usage;
        }
        return await CommandRunner.InvokeAsync(parse, configuration);
    }
}
