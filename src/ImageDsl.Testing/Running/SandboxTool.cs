namespace ImageDsl.Testing.Running;

/// <summary>Finds the sandbox a command in the image runs in: bubblewrap, else runc.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SandboxTool
{
    internal const string InstallHint =
        "Install one: apt-get install bubblewrap (Debian, Ubuntu), dnf install bubblewrap (Fedora), apk add bubblewrap (Alpine); " +
        "bubblewrap runs without root where unprivileged user namespaces are enabled (the default on these systems). " +
        "runc (apt-get install runc) works too, best as root.";

    /// <summary>The sandbox to use and its full path, searched in <paramref name="searchPath"/> (a PATH value); else an exception saying what to install.</summary>
    internal static (ImageSandbox Sandbox, string Path) Find(ImageSandbox wanted, string? searchPath)
    {
        if (wanted is ImageSandbox.Auto or ImageSandbox.Bubblewrap && Search("bwrap", searchPath) is { } bwrap)
        {
            return (ImageSandbox.Bubblewrap, bwrap);
        }
        if (wanted is ImageSandbox.Auto or ImageSandbox.Runc && Search("runc", searchPath) is { } runc)
        {
            return (ImageSandbox.Runc, runc);
        }
        string needs = wanted switch
        {
            ImageSandbox.Bubblewrap => "bubblewrap (bwrap) on PATH (ImageRunOptions.Sandbox asks for it), and none was found. ",
            ImageSandbox.Runc => "runc on PATH (ImageRunOptions.Sandbox asks for it), and none was found. Install it: apt-get install runc. ",
            _ => "bubblewrap (bwrap) or runc on PATH, and neither was found. ",
        };
        throw new InvalidOperationException("Running a command in an image needs " + needs + (wanted == ImageSandbox.Runc ? "" : InstallHint));
    }

    private static string? Search(string name, string? searchPath)
    {
        foreach (string directory in (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!System.IO.Path.IsPathFullyQualified(directory))
            {
                continue; // a relative PATH entry would depend on the test's working directory
            }
            string candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }
        return null;
    }
}
