using System.Diagnostics;

namespace ImageDsl.Tests.Hostile;

/// <summary>Runs the built `dotnet-image` in its own process (as users run it), so it can run concurrently or be killed.</summary>
internal sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public ToolProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        _process = Process.Start(start)!;
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Waits for the exit (at most <paramref name="timeout"/>) and returns the exit code and output.</summary>
    public async Task<(int Exit, string Out, string Err)> WaitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet-image did not finish within {timeout}; stderr so far: {(_stderr.IsCompleted ? _stderr.Result : "")}");
        }
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>SIGKILL: no chance to clean up, as when a CI job is cancelled or the machine loses power.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
