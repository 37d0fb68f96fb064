namespace ImageDsl.Tests.Dsl;

/// <summary>
/// Runs the real `dotnet image` (this build's dotnet-image.dll) as a process in a chosen working directory:
/// C# images use paths relative to where the tool runs, and in-process runs would have to change the test
/// host's current directory under the other tests.
/// </summary>
internal static class ToolProcess
{
    /// <summary>Project builds started by the tool leave no build servers or nodes behind; image dates come from the packages.</summary>
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_NOLOGO"] = "1",
        ["SOURCE_DATE_EPOCH"] = null,
    };

    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run(DotnetHost, [Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll"), .. arguments], workingDirectory, Environment,
            timeout: TimeSpan.FromMinutes(4));

    /// <summary>The `dotnet` running the tests (test hosts run under it), else the one on PATH.</summary>
    public static string DotnetHost =>
        System.Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>The image digest a successful `build` prints as its last line of standard output.</summary>
    public static string Digest(ProcessResult build)
    {
        Assert.True(build.ExitCode == 0, build.ToString());
        string digest = build.StandardOutput.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("sha256:", digest);
        return digest;
    }
}
