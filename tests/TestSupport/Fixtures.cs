namespace ImageDsl.Tests;

/// <summary>Locates the repository and the shared real-world fixtures (`../shared/fixtures`).</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The checkout's root (the folder holding ImageDsl.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>`shared/fixtures`, laid beside the checkout by CI and sessions alike.</summary>
    public static string SharedFixtures
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));
            if (!Directory.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The shared fixtures are missing: expected {path}. CI lays shared/ beside the checkout; do the same locally.");
            }
            return path;
        }
    }

    /// <summary>A path under `shared/fixtures`.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedFixtures, .. parts]);

    /// <summary>A path under the repository root.</summary>
    public static string Repo(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImageDsl.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find ImageDsl.sln above " + AppContext.BaseDirectory);
    }
}
