using System.Text.Json.Nodes;

namespace ImageDsl.Sbom;

/// <summary>
/// The NuGet packages of a .NET app in an SPDX document: one `LIBRARY` package each, with its
/// `pkg:nuget/` purl and the deps file's SHA-512; `DEPENDS_ON` relationships from the app package to
/// the packages it references and from each package to its own dependencies; and each deps file
/// `DEPENDENCY_MANIFEST_OF` the app package.
/// </summary>
/// <remarks>
/// SPDX 2.3 (section 11.1) defines `DEPENDS_ON` as "SPDXRef-A depends on SPDXRef-B" (its example: package A
/// depends on the presence of package B in order to build and run) and `CONTAINS` as "SPDXRef-A contains
/// SPDXRef-B". A deps file is the dependency graph the .NET host resolves, not an
/// inventory of what the app package holds: a listed package may put no file into the publish output
/// (its assets are compile-time only, or the shared framework supplies them), and the files that do come
/// from packages are already the app package's files (`CONTAINS`). So `DEPENDS_ON` is the claim the
/// deps file supports; `CONTAINS` would assert containment nobody checked.
/// </remarks>
internal static class SpdxNuGet
{
    /// <summary>Adds <paramref name="dependencies"/> of the app package <paramref name="appId"/>, whose files have <paramref name="fileIds"/>.</summary>
    public static void Add(string appId, NuGetDependencies? dependencies, IReadOnlyDictionary<string, string> fileIds,
        Func<JsonObject, bool> addPackage, List<JsonObject> relationships)
    {
        if (dependencies is null)
        {
            return;
        }
        foreach (string depsFile in dependencies.DepsFiles)
        {
            if (fileIds.TryGetValue(depsFile, out string? fileId))
            {
                relationships.Add(SpdxWriter.Relationship(fileId, "DEPENDENCY_MANIFEST_OF", appId));
            }
        }
        var ids = dependencies.Libraries.ToDictionary(l => l.Key, Id, StringComparer.OrdinalIgnoreCase);
        foreach (string key in dependencies.Direct)
        {
            relationships.Add(SpdxWriter.Relationship(appId, "DEPENDS_ON", ids[key]));
        }
        foreach (NuGetLibrary library in dependencies.Libraries)
        {
            addPackage(Package(library, ids[library.Key]));
            foreach (string key in library.DependsOn)
            {
                relationships.Add(SpdxWriter.Relationship(ids[library.Key], "DEPENDS_ON", ids[key]));
            }
        }
    }

    /// <summary>
    /// `--` between name and version: a NuGet id never holds two separators in a row nor ends with one,
    /// so `A-1` 0.0 and `A` 1-0.0 cannot share an id (with one dash both would be `A-1-0.0`, and the
    /// second package would vanish behind the first).
    /// </summary>
    private static string Id(NuGetLibrary library) =>
        "SPDXRef-Package-nuget-" + SpdxText.Identifier(library.Name) + "--" + SpdxText.Identifier(library.Version);

    private static JsonObject Package(NuGetLibrary library, string id)
    {
        string kind = library.Type == "runtimepack" ? "NuGet runtime pack" : "NuGet package";
        string source = $"{kind} listed in {string.Join(", ", library.DepsFiles)}"
            + (library.Sha512 is null ? "" : "; its SHA512 is NuGet's package content hash as the deps file records it");
        return SpdxWriter.Package(id, library.Name, library.Version, "NOASSERTION", null, "LIBRARY",
            library.Sha512 is { } sha512 ? [("SHA512", sha512)] : [], library.Purl, source);
    }
}
