namespace ImageDsl.Tests;

/// <summary>
/// The environment for a `dotnet` child process that builds, packs or restores a throwaway project: no build
/// server or node reuse left running after the test, no first-run chatter, and a package folder of the test's
/// own, so a stale ImageDsl 0.1.0 in ~/.nuget/packages never stands in for this checkout's build.
/// </summary>
public static class OfflineDotnet
{
    /// <summary>The variables, with NuGet's package folder at <paramref name="packagesFolder"/>.</summary>
    public static Dictionary<string, string?> Environment(string packagesFolder) => new()
    {
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["NUGET_PACKAGES"] = packagesFolder,
    };
}
