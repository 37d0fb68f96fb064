using System.Globalization;

namespace ImageDsl.Testing.Running;

/// <summary>The bwrap command line that runs a command in a root folder as a container runtime would.</summary>
internal static class BubblewrapArguments
{
    internal static IReadOnlyList<string> For(string root, RunIdentity identity, IReadOnlyList<string> command)
    {
        var arguments = new List<string>
        {
            "--bind", root, "/",
            "--proc", "/proc",
            "--dev", "/dev",
            // Every namespace (no network, own pids); a user namespace so the command runs as the image's uid/gid without root.
            "--unshare-all", "--unshare-user",
            "--uid", identity.Uid.ToString(CultureInfo.InvariantCulture),
            "--gid", identity.Gid.ToString(CultureInfo.InvariantCulture),
            "--chdir", identity.WorkingDirectory,
            "--die-with-parent", "--new-session",
            "--clearenv",
        };
        foreach ((string name, string value) in identity.Environment)
        {
            arguments.AddRange(["--setenv", name, value]);
        }
        arguments.Add("--");
        arguments.AddRange(command);
        return arguments;
    }
}
