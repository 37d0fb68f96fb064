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
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = await ToolProcess.SignalWhenAsync(process, "waiting to be cancelled", signal, TimeSpan.FromSeconds(30));
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("error IMG1130: cancelled; no output was written.", stderr);
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
