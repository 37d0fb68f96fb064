namespace ImageDsl.Tests;

/// <summary>
/// Finds an external program the tests need. A missing tool is a failure that says how to install it,
/// never a silent skip.
/// </summary>
public static class RequiredTool
{
    /// <summary>The absolute path of <paramref name="name"/> on PATH (or in the sbin folders).</summary>
    public static string Find(string name, string aptPackage)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        IEnumerable<string> dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        foreach (string dir in dirs)
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"The test needs '{name}', which is not installed. Install it with: apt-get install -y --no-install-recommends {aptPackage} (./test.sh does this).");
    }
}
