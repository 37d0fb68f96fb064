namespace ImageDsl.Testing.Running;

/// <summary>Finds bubblewrap, the sandbox a command in the image runs in.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SandboxTool
{
    internal const string Name = "bwrap";

    internal const string InstallHint =
        "Running a command in an image needs bubblewrap (bwrap) on PATH, and none was found. Install it: " +
        "apt-get install bubblewrap (Debian, Ubuntu), dnf install bubblewrap (Fedora), apk add bubblewrap (Alpine). " +
        "It runs without root where unprivileged user namespaces are enabled (the default on these systems).";

    /// <summary>The full path of bwrap in <paramref name="searchPath"/> (a PATH value), else an exception saying what to install.</summary>
    internal static string Find(string? searchPath)
    {
        foreach (string directory in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(directory))
            {
                continue; // a relative PATH entry would depend on the test's working directory
            }
            string candidate = Path.Combine(directory, Name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(InstallHint);
    }
}
