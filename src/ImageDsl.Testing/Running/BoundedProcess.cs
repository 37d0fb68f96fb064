using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;

namespace ImageDsl.Testing.Running;

/// <summary>Runs a process with no input, keeps its output up to a limit, and kills it when time runs out.</summary>
internal static class BoundedProcess
{
    /// <param name="program">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="options">Timeout and output limit.</param>
    /// <param name="what">What runs, for messages.</param>
    /// <param name="afterKill">Cleans up what killing the process tree leaves (runc's container state), or null.</param>
    /// <param name="cancellationToken">Kills the run.</param>
    internal static async Task<ImageRunResult> RunAsync(string program, IReadOnlyList<string> arguments, ImageRunOptions options, string what,
        Func<Task>? afterKill, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = await SpawnThread.StartAsync(start).ConfigureAwait(false);
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        // The readers end at end of file: when the process is gone (killed or exited), its pipes close.
        Task<byte[]> output = ReadAsync(process.StandardOutput.BaseStream, options.MaxOutputBytes, $"{what} wrote more than {options.MaxOutputBytes} bytes to standard output", limit);
        Task<byte[]> error = ReadAsync(process.StandardError.BaseStream, options.MaxOutputBytes, $"{what} wrote more than {options.MaxOutputBytes} bytes to standard error", limit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The whole tree: bwrap, the sandbox's init (whose death ends every process in its pid namespace), the command.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (afterKill is not null)
            {
                await afterKill().ConfigureAwait(false);
            }
            // The pipes close once every process holding them is gone; a bounded wait in case one escaped the kill.
            await Task.WhenAny(Task.WhenAll(output, error), Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None)).ConfigureAwait(false);
            foreach (Task<byte[]> stream in new[] { output, error })
            {
                if (stream.Exception?.InnerException is InvalidDataException tooMuch)
                {
                    ExceptionDispatchInfo.Throw(tooMuch);
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{what} did not finish within {options.Timeout}; it was killed (raise ImageRunOptions.Timeout if it needs longer)");
        }
        return new ImageRunResult(process.ExitCode, Encoding.UTF8.GetString(await output.ConfigureAwait(false)), Encoding.UTF8.GetString(await error.ConfigureAwait(false)));
    }

    /// <summary>Reads to the end; past <paramref name="maxBytes"/> it stops the run and fails.</summary>
    private static async Task<byte[]> ReadAsync(Stream stream, int maxBytes, string tooMuch, CancellationTokenSource stop)
    {
        using var kept = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (kept.Length + read > maxBytes)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw new InvalidDataException(tooMuch + "; it was killed (raise ImageRunOptions.MaxOutputBytes)");
            }
            kept.Write(buffer, 0, read);
        }
        return kept.ToArray();
    }
}
