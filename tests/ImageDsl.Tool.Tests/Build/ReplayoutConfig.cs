namespace ImageDsl.Tests.Build;

/// <summary>
/// The small image most build tests start from: apko's own CLI test repository (signed by melange.rsa.pub)
/// and its `replayout` package, written as apko.yaml into a test's folder.
/// </summary>
internal static class ReplayoutConfig
{
    /// <summary>Writes the configuration, with <paramref name="more"/> (top-level YAML lines) appended; returns its path.</summary>
    public static string Write(TempDirectory work, string more = "", string name = "image.yaml")
    {
        string config = work.Combine(name);
        File.WriteAllText(config,
            "contents:\n" +
            $"  repositories: [{Fixtures.Shared("apko-cli-repo")}]\n" +
            $"  keyring: [{Fixtures.Shared("apko-cli-repo", "melange.rsa.pub")}]\n" +
            "  packages: [replayout]\n" +
            more);
        return config;
    }
}
