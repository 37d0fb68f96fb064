using System.Diagnostics;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

public class CancellationTests
{
    [Theory]
    [InlineData(2)]  // SIGINT, Ctrl+C
    [InlineData(15)] // SIGTERM
    public async Task A_signal_cancels_the_command_which_exits_130_saying_nothing_was_written(int signal)
    {
        using Process process = ToolProcess.Start(["progress-demo", "--delay-ms", "0", "--hang"], ToolProcess.TestHostPath);
        var stderr = new System.Text.StringBuilder();
        var waiting = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
            if (e.Data?.Contains("waiting to be cancelled") == true)
            {
                waiting.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
            ToolProcess.Signal(process, signal);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        process.WaitForExit(); // drains the asynchronous stderr reader
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("error IMG1130: cancelled; no output was written.", stderr.ToString());
        Assert.Equal("", await stdout); // the result is never printed
    }

    [Fact]
    public async Task Cancelling_the_token_in_process_maps_to_130()
    {
        using var cancel = new CancellationTokenSource();
        var stderr = new StringWriter();
        Task<int> run = ImageCli.RunAsync(["progress-demo", "--delay-ms", "0", "--hang"], new StringWriter(), stderr, cancel.Token,
            [ImageDsl.Tool.TestHost.ProgressDemoCommand.Create()]);
        await Task.Delay(100);
        cancel.Cancel();
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("error IMG1130: cancelled; no output was written.", stderr.ToString());
    }
}
