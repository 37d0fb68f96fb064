using System.Runtime.InteropServices;

namespace WebApi;

/// <summary>What the process runs as: user, ids, working folder and the runtime, as `key=value` lines.</summary>
internal static class RunningProcess
{
    /// <summary>Only these variables are shown: an endpoint must not hand out the whole environment.</summary>
    private static readonly string[] ShownVariables = ["GREETING", "DOTNET_ROOT", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"];

    public static string Describe()
    {
        var lines = new List<string>
        {
            "user=" + Environment.UserName,
            "uid=" + StatusField("Uid"),
            "gid=" + StatusField("Gid"),
            "workdir=" + Environment.CurrentDirectory,
            "runtime=" + RuntimeInformation.FrameworkDescription,
        };
        lines.AddRange(ShownVariables.Select(name => $"env:{name}={Environment.GetEnvironmentVariable(name)}"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The real id from /proc/self/status ("Uid:\t1654\t1654\t1654\t1654"); empty where there is no procfs.</summary>
    private static string StatusField(string name)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return "";
        }
        string? line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return line?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";
    }
}
