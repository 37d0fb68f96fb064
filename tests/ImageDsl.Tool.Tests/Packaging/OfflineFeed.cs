using System.Reflection;

namespace ImageDsl.Tests.Packaging;

/// <summary>
/// The ImageDsl package packed into a local feed, and the offline NuGet setup a user's app restores with: a
/// nuget.config in <see cref="Folder"/> naming the feed and this machine's package cache only (no network), and
/// a package folder of its own (a stale ImageDsl in the machine's cache must not stand in). Projects made in
/// folders under <see cref="Folder"/> pick the nuget.config up as a user's would.
/// </summary>
public sealed class OfflineFeed
{
    /// <summary>Packs ImageDsl (in the configuration <paramref name="testAssembly"/> was built in) into <c>feed/</c> under <paramref name="folder"/>.</summary>
    public OfflineFeed(string folder, Assembly testAssembly)
    {
        Folder = folder;
        string feed = Path.Combine(folder, "feed");
        RepositoryPackages.Pack(Fixtures.Repo("src", "ImageDsl.Package", "ImageDsl.Package.csproj"), RepositoryPackages.Configuration(testAssembly), feed);
        string package = Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, "ImageDsl.0.*.nupkg").Single());
        Version = package["ImageDsl.".Length..];

        string machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="imagedsl" value="{feed}" />
                <add key="machine-cache" value="{machineCache}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The folder holding the feed, the nuget.config and the package folder.</summary>
    public string Folder { get; }

    /// <summary>The packed ImageDsl's version (this checkout's).</summary>
    public string Version { get; }

    /// <summary>`dotnet` with the feed's offline package setup, in <paramref name="workingDirectory"/>.</summary>
    public ProcessResult Dotnet(string workingDirectory, params string[] arguments)
    {
        Dictionary<string, string?> environment = OfflineDotnet.Environment(Path.Combine(Folder, "packages"));
        environment["XDG_CACHE_HOME"] = Path.Combine(Folder, "cache");
        // The test host's own MSBuild must not leak into the app's build.
        environment["MSBUILD_EXE_PATH"] = null;
        environment["MSBuildExtensionsPath"] = null;
        environment["MSBuildSDKsPath"] = null;
        return ProcessRunner.Run("dotnet", arguments, workingDirectory: workingDirectory, environment: environment, timeout: TimeSpan.FromMinutes(5));
    }
}
