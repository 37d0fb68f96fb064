using System.Diagnostics;
using System.Runtime.InteropServices;
using ImageDsl.Errors;
using ImageDsl.Tool.ConsoleOutput;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// The native (Native AOT) build of the tool runs every command itself except those that read a C# project:
/// `--project` loads the project's assembly and reads its generated images, which only a runtime with a JIT can do.
/// Those commands run in the framework-dependent copy published beside the native binary (managed/), with the same
/// arguments, standard streams and exit code; the .NET SDK that builds the project also runs that copy.
/// </summary>
internal static class ManagedHandOff
{
    /// <summary>Where the native package keeps the framework-dependent copy, relative to the binary.</summary>
    public const string ManagedFolder = "managed";

    private const int SigTerm = 15;

    /// <summary>True in the native build (set in the binary by ImageDsl.Tool.csproj when it is compiled ahead of time).</summary>
    public static bool IsNativeBuild => AppContext.TryGetSwitch("ImageDsl.Tool.NativeBuild", out bool native) && native;

    /// <summary>
    /// True when <paramref name="args"/> may name a C# project: `--project x`, `--project=x`, `--project:x`, or a
    /// response file (`@file`) that mentions `--project` (handing off more than needed only costs start-up time).
    /// </summary>
    public static bool ReadsProject(IEnumerable<string> args) =>
        args.TakeWhile(a => a != "--").Any(a => a == "--project" || a.StartsWith("--project=", StringComparison.Ordinal)
            || a.StartsWith("--project:", StringComparison.Ordinal) || ResponseFileMentionsProject(a));

    private static bool ResponseFileMentionsProject(string argument)
    {
        if (argument.Length < 2 || argument[0] != '@')
        {
            return false;
        }
        try
        {
            // The parser reads the file itself later; here only a bounded look for the option's name.
            using var reader = new StreamReader(argument[1..]);
            char[] buffer = new char[1 << 20];
            int read = reader.ReadBlock(buffer, 0, buffer.Length);
            return buffer.AsSpan(0, read).Contains("--project", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false; // the parser reports an unreadable response file
        }
    }

    /// <summary>Runs <paramref name="args"/> in the managed copy and returns its exit code.</summary>
    public static int Run(string[] args)
    {
        string managed = Path.Combine(AppContext.BaseDirectory, ManagedFolder, "dotnet-image.dll");
        var errors = new ErrorWriter(StandardStreams.Error, ansi: false, ErrorWriter.InlineHintsRequested());
        if (!File.Exists(managed))
        {
            errors.Error(ErrorCodes.For(ErrorKind.Build), $"this native build of dotnet image cannot read C# projects, and its managed copy {managed} is missing",
                "Reinstall the tool (`dotnet tool update ImageDsl.Tool`), or install the portable package ImageDsl.Tool.any.");
            return (int)ErrorKind.Build;
        }
        var start = new ProcessStartInfo(DotnetCli.HostPath()) { UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(managed);
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        Process? started = StartOrReport(start, errors);
        if (started is null)
        {
            return (int)ErrorKind.Build;
        }
        using Process child = started;
        // Ctrl+C reaches the child from the terminal (same process group); the parent only waits for it to stop.
        // SIGTERM is sent to this process alone, so it is passed on.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            if (!OperatingSystem.IsWindows()) // Windows delivers console events to the whole console
            {
                _ = Kill(child.Id, SigTerm);
            }
        });
        child.WaitForExit();
        return child.ExitCode;
    }

    private static Process? StartOrReport(ProcessStartInfo start, ErrorWriter errors)
    {
        try
        {
            return Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            errors.Error(ErrorCodes.For(ErrorKind.Build), $"cannot run '{start.FileName}': {error.Message}",
                "Install the .NET SDK (dotnet) or put it on PATH; reading a C# project needs it.");
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
