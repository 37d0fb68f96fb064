using System.Collections.Concurrent;
using System.Diagnostics;

namespace ImageDsl.Testing.Running;

/// <summary>
/// Starts processes from one thread that lives as long as the test process. bwrap's --die-with-parent is
/// Linux's parent-death signal, which fires when the <em>thread</em> that forked the sandbox exits: a
/// thread-pool thread retiring would kill a running sandbox. From this thread it fires only when the
/// test process itself dies, so a crashed test run leaves no sandbox behind.
/// </summary>
internal static class SpawnThread
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = [];

    static SpawnThread()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "ImageDsl.Testing sandbox starter" };
        thread.Start();
    }

    internal static Task<Process> StartAsync(ProcessStartInfo start)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach ((ProcessStartInfo start, TaskCompletionSource<Process> started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
