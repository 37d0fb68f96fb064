using System.Diagnostics;
using System.Text;

namespace ImageDsl.Tool.Projects;

/// <summary>The outcome of one `dotnet` run: exit code and the interleaved output lines.</summary>
internal sealed record DotnetResult(int ExitCode, IReadOnlyList<string> Lines)
{
    public string Text => string.Join('\n', Lines);
}

/// <summary>Runs the .NET SDK's `dotnet` (the host this tool runs on when it can tell) and captures its output.</summary>
internal static class DotnetCli
{
    /// <summary>
    /// Variables an MSBuild parent sets for its own children; inherited by a fresh `dotnet build` they
    /// point it at the wrong MSBuild (when the tool runs inside a build or a test host).
    /// </summary>
    private static readonly string[] InheritedMsBuildVariables =
        ["MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly"];

    public static async Task<DotnetResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(HostPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (string variable in InheritedMsBuildVariables)
        {
            start.Environment.Remove(variable);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new Errors.ImageDslException(Errors.ErrorKind.Build, $"cannot run '{start.FileName}': {error.Message}",
                "Install the .NET SDK (dotnet) or put it on PATH; building a C# project needs it.", error);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // flushes the asynchronous readers
        lock (lines)
        {
            return new DotnetResult(process.ExitCode, lines.ToArray());
        }
    }

    /// <summary>
    /// The `dotnet` host: this process when it is one (`dotnet dotnet-image.dll`, `dotnet tool run`),
    /// else DOTNET_HOST_PATH, else `dotnet` from PATH.
    /// </summary>
    public static string HostPath()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
