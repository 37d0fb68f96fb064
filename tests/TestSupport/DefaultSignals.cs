using System.Diagnostics;

namespace ImageDsl.Tests;

/// <summary>
/// Starts a program with SIGINT and SIGQUIT at their default disposition. A shell starts background jobs with
/// both ignored, the ignoring is inherited across exec, and .NET keeps a signal ignored that it found ignored:
/// a test that sends Ctrl+C to the tool would then test the environment, not the tool.
/// </summary>
public static class DefaultSignals
{
    private const string Reset =
        "import os, signal, sys\n" +
        "signal.signal(signal.SIGINT, signal.SIG_DFL)\n" +
        "signal.signal(signal.SIGQUIT, signal.SIG_DFL)\n" +
        "os.execvp(sys.argv[1], sys.argv[1:])\n";

    /// <summary>A start info that runs <paramref name="fileName"/> with <paramref name="arguments"/> under the same process id.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(RequiredTool.Find("python3", "python3")) { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Reset);
        start.ArgumentList.Add(fileName);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
