using System.Diagnostics;

namespace ImageDsl.Tool.Cli;

/// <summary>apko's `--vcs`: `&lt;origin url&gt;@&lt;HEAD commit&gt;` of the git checkout holding the configuration.</summary>
internal static class VcsDetector
{
    public static string? Detect(string? configPath)
    {
        if (configPath is null)
        {
            return null;
        }
        string directory = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".";
        string? url = Git(directory, "config", "--get", "remote.origin.url");
        string? commit = Git(directory, "rev-parse", "HEAD");
        return url is null || commit is null ? null : $"{url}@{commit}";
    }

    private static string? Git(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process? process = Process.Start(start);
            if (process is null)
            {
                return null;
            }
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
