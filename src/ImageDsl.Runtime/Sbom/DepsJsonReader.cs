using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;

namespace ImageDsl.Sbom;

/// <summary>
/// Finds the `*.deps.json` files a local content package installs and merges what they list into
/// <see cref="NuGetDependencies"/>. Only the package's own regular files are read, from the assembled
/// tree (never from the host), each bounded in size; the file names come from the apk database the
/// build wrote, never from a deps file.
/// </summary>
internal static class DepsJsonReader
{
    /// <summary>The largest deps file read (a large ASP.NET Core app's is well under 1 MiB).</summary>
    public const long MaxFileSize = 16L * 1024 * 1024;

    /// <summary>The most deps files read from one package (one per app or plugin in it).</summary>
    public const int MaxFiles = 256;

    /// <summary>
    /// The most NuGet libraries and dependency edges listed for one package: a large app has hundreds of
    /// packages, and each becomes SBOM entries, so a crafted file cannot blow the documents up.
    /// </summary>
    public const int MaxLibraries = 10_000;

    /// <inheritdoc cref="MaxLibraries"/>
    public const int MaxEdges = 100_000;

    private const string Suffix = ".deps.json";

    /// <summary>
    /// The NuGet dependencies listed by the deps files among <paramref name="files"/> (the package's
    /// regular files), or null when it has none. A file that is too large or malformed is an error
    /// naming it and the package.
    /// </summary>
    public static NuGetDependencies? Read(FileTree tree, string packageName, IReadOnlyList<SbomFile> files)
    {
        List<string> paths = files.Select(f => f.Path)
            .Where(p => p.EndsWith(Suffix, StringComparison.Ordinal) && p.Length > Suffix.Length && p[^(Suffix.Length + 1)] != '/')
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (paths.Count == 0)
        {
            return null;
        }
        if (paths.Count > MaxFiles)
        {
            throw new ImageDslException(ErrorKind.Build,
                $"local content package '{packageName}' has {paths.Count} .NET dependency files (*.deps.json); the SBOM reads at most {MaxFiles}",
                "Split the content into several local packages.");
        }
        var merged = new DepsMerger();
        foreach (string path in paths)
        {
            // Another package or a later step (a path mutation) may have replaced the file; only the
            // package's own is read: the installer marks every node it writes with the package's name.
            if (tree.Lookup(path, followSymlinks: false) is not { Type: FileNodeType.RegularFile, Content: { } content } node
                || node.Package != packageName)
            {
                continue;
            }
            merged.Add(path, DepsJsonFile.Parse(ReadBounded(content, path, packageName), path, packageName));
            if (merged.LibraryCount > MaxLibraries || merged.EdgeCount > MaxEdges)
            {
                throw new ImageDslException(ErrorKind.Build,
                    $"the .NET dependency files of local content package '{packageName}' list more than {MaxLibraries} NuGet packages or {MaxEdges} dependencies (reached at {path}); the SBOM lists at most that many",
                    "A dotnet publish output lists far fewer: publish the app again or leave the file out of the content folder.");
            }
        }
        return merged.Result();
    }

    private static byte[] ReadBounded(FileContent content, string path, string packageName)
    {
        if (content.Size > MaxFileSize)
        {
            throw TooLarge(path, packageName);
        }
        using Stream stream = content.OpenRead();
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        // The size is checked again while reading: a lazily opened source may yield more than it declared.
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxFileSize)
            {
                throw TooLarge(path, packageName);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ImageDslException TooLarge(string path, string packageName) => new(ErrorKind.Build,
        $"the .NET dependency file {path} in local content package '{packageName}' is larger than {MaxFileSize / (1024 * 1024)} MiB; the SBOM does not read it",
        "A dotnet publish output's deps file is far smaller: publish the app again or leave the file out of the content folder.");
}
