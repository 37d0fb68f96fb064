namespace ImageDsl.Config;

/// <summary>
/// Finds the file an `include:` names, as apko's `paths.ResolvePath` does: as written (relative to the
/// working directory), then under each `--include-paths` folder. ImageDsl adds one fallback apko lacks:
/// relative to the including file's folder.
/// </summary>
internal static class IncludeResolver
{
    /// <summary>The full path of the first candidate that exists, or null; <paramref name="tried"/> lists every candidate.</summary>
    public static string? Resolve(string include, string workingDirectory, string? includerDirectory,
        IReadOnlyList<string> includePaths, out IReadOnlyList<string> tried)
    {
        var candidates = new List<string> { Path.GetFullPath(include, workingDirectory) };
        foreach (string prefix in includePaths)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(Path.GetFullPath(prefix, workingDirectory), include)));
        }
        if (includerDirectory is not null)
        {
            candidates.Add(Path.GetFullPath(include, includerDirectory));
        }
        tried = candidates.Distinct(StringComparer.Ordinal).ToArray();
        return tried.FirstOrDefault(File.Exists);
    }
}
