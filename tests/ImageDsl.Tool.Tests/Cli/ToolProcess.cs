using System.Diagnostics;
using System.Runtime.InteropServices;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tests.Cli;

/// <summary>Runs the real `dotnet-image` executable (built beside the tests) as a separate process.</summary>
internal static class ToolProcess
{
    /// <summary>
    /// Set to another build of the tool (test.sh sets it to the Native AOT build, then runs the process-level tests
    /// again), so the same tests check the tool `dotnet tool install` gives.
    /// </summary>
    public const string OverrideVariable = "IMAGEDSL_TEST_TOOL";

    /// <summary>The apphost copied into the test output, or the build <see cref="OverrideVariable"/> names.</summary>
    public static string Path
    {
        get
        {
            string path = Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } other
                ? other
                : System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dotnet-image.exe" : "dotnet-image");
            Assert.True(File.Exists(path), $"the tool is not built beside the tests: {path}");
            return path;
        }
    }

    /// <summary>The test host: the tool plus the test-only `progress-demo` command (tests/ImageDsl.Tool.TestHost).</summary>
    public static string TestHostPath
    {
        get
        {
            string path = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dotnet-image-testhost.exe" : "dotnet-image-testhost");
            Assert.True(File.Exists(path), $"the test host is not built beside the tests: {path}");
            return path;
        }
    }

    /// <summary>An environment without CI markers or NO_COLOR, so each test sets exactly what it checks.</summary>
    public static Dictionary<string, string?> CleanEnvironment(params (string Name, string? Value)[] set)
    {
        var environment = TerminalCapabilities.CiVariables.ToDictionary(v => v, _ => (string?)null);
        environment["NO_COLOR"] = null;
        environment["TERM"] = "xterm-256color";
        environment["LANG"] = "C.UTF-8";
        environment["LC_ALL"] = null;
        foreach (var (name, value) in set)
        {
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>Runs the tool with stdout and stderr redirected (pipes: not a terminal).</summary>
    public static ProcessResult Run(IEnumerable<string> arguments, Dictionary<string, string?>? environment = null, string? executable = null) =>
        ProcessRunner.Run(executable ?? Path, arguments, environment: environment ?? CleanEnvironment(), timeout: TimeSpan.FromSeconds(60));

    /// <summary>
    /// Runs the tool under a pseudo-terminal with `script` (util-linux/bsdutils), returning everything the
    /// terminal received (stdout and stderr together, newlines as CR LF).
    /// </summary>
    public static ProcessResult RunInTerminal(IEnumerable<string> arguments, Dictionary<string, string?> environment, string? executable = null)
    {
        string script = RequiredTool.Find("script", "bsdutils");
        string command = string.Join(' ', new[] { executable ?? Path }.Concat(arguments).Select(Quote));
        return ProcessRunner.Run(script, ["-qfec", command, "/dev/null"], environment: environment, timeout: TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts the tool with redirected streams, for tests that signal it.</summary>
    public static Process Start(IEnumerable<string> arguments, string? executable = null)
    {
        // Signals at their defaults: the tests send Ctrl+C, and a background job starts with it ignored.
        ProcessStartInfo start = DefaultSignals.StartInfo(executable ?? Path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in CleanEnvironment())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet-image");
    }

    /// <summary>
    /// Reads <paramref name="process"/>'s stderr, sends <paramref name="signal"/> once a line holding
    /// <paramref name="marker"/> appears (within <paramref name="patience"/>), and waits for the process to exit
    /// (killing it if it does not within <paramref name="patience"/>); returns everything it wrote to stderr.
    /// </summary>
    public static async Task<string> SignalWhenAsync(Process process, string marker, int signal, TimeSpan patience)
    {
        var stderr = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
            if (e.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        try
        {
            await seen.Task.WaitAsync(patience);
            Signal(process, signal);
            await process.WaitForExitAsync().WaitAsync(patience);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.WaitForExit(); // drains the asynchronous stderr reader
        lock (stderr)
        {
            return stderr.ToString();
        }
    }

    /// <summary>Sends a POSIX signal (Process.Kill only sends SIGKILL).</summary>
    public static void Signal(Process process, int signal) => Assert.Equal(0, Kill(process.Id, signal));

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";
}
