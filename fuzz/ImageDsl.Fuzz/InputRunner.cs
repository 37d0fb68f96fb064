namespace ImageDsl.Fuzz;

/// <summary>Runs inputs through a target, telling expected failures from crashes and hangs.</summary>
internal static class InputRunner
{
    /// <summary>How long one input may take before it counts as a hang (afl-fuzz uses its own -t).</summary>
    public static TimeSpan HangLimit { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs one input; expected failures are swallowed, anything else escapes (a crash).</summary>
    public static void RunOne(FuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception error) when (target.IsExpected(error))
        {
        }
    }

    /// <summary>Runs one input on its own thread: null when fine, else what went wrong (crash or hang).</summary>
    public static string? Check(FuzzTarget target, byte[] input)
    {
        Exception? crash = null;
        var thread = new Thread(() =>
        {
            try
            {
                RunOne(target, input);
            }
            catch (Exception error)
            {
                crash = error;
            }
        }, maxStackSize: 16 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(HangLimit))
        {
            return $"hang: no result after {HangLimit.TotalSeconds:0} s";
        }
        return crash is null ? null : $"crash: {crash.GetType().FullName}: {crash}";
    }

    /// <summary>Replays files (or every file of folders); prints each failure; 1 if any.</summary>
    public static int Replay(FuzzTarget target, IEnumerable<string> paths)
    {
        int runs = 0;
        int failures = 0;
        foreach (string file in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal).ToArray() : new[] { p }))
        {
            runs++;
            if (Check(target, File.ReadAllBytes(file)) is { } problem)
            {
                failures++;
                Console.WriteLine($"{target.Name}: {file}: {problem}");
                if (problem.StartsWith("hang", StringComparison.Ordinal))
                {
                    break; // the thread still runs; later results would be unreliable
                }
            }
        }
        Console.WriteLine($"{target.Name}: {runs} inputs replayed, {failures} failed");
        return failures == 0 ? 0 : 1;
    }
}
