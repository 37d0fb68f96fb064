using System.Reflection;

namespace ImageDsl.Tests;

/// <summary>
/// `dotnet pack` of this repository's packages (ImageDsl, ImageDsl.Tool, ImageDsl.Testing) into a test's feed.
/// Packing one project twice at once writes the same intermediate files (its nuspec, the tool's publish folder)
/// from two processes, and the test assemblies run in parallel processes, so every pack holds one machine-wide
/// lock file: an xunit collection cannot serialise across assemblies.
/// </summary>
public static class RepositoryPackages
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "imagedsl-tests-pack.lock");

    /// <summary>The configuration the calling test assembly was built in (packs use --no-build).</summary>
    public static string Configuration(Assembly testAssembly) =>
        testAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Packs <paramref name="project"/> (a path under src/) into <paramref name="feed"/>; throws when the pack fails.</summary>
    public static void Pack(string project, string configuration, string feed)
    {
        // The tool pack compiles a Native AOT build (about a minute alone, several under a loaded test run).
        using FileStream held = Acquire(TimeSpan.FromMinutes(20));
        ProcessResult result = ProcessRunner.Run("dotnet",
            ["pack", project, "-c", configuration, "--no-build", "--no-restore", "-nologo", "-o", feed],
            workingDirectory: Fixtures.RepositoryRoot,
            environment: new Dictionary<string, string?> { ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0", ["MSBUILDDISABLENODEREUSE"] = "1" },
            timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack {project} failed\n{result}");
        }
    }

    private static FileStream Acquire(TimeSpan patience)
    {
        DateTime giveUp = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                // FileShare.None: the lock is released when the holder closes the file or its process dies.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(200);
            }
        }
    }
}
