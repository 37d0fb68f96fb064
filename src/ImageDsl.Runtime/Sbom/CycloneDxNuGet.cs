using System.Text.Json.Nodes;

namespace ImageDsl.Sbom;

/// <summary>
/// The NuGet packages of a .NET app in a CycloneDX BOM: a `library` component each (purl as its
/// bom-ref, the deps file's SHA-512), and `dependencies` entries: the app package on the packages it
/// references, each package on its own dependencies (an empty list says it has none).
/// </summary>
internal static class CycloneDxNuGet
{
    /// <summary>
    /// Adds the components not yet in <paramref name="refs"/> and merges the edges into
    /// <paramref name="dependencies"/> (ref → what it depends on, in insertion order).
    /// </summary>
    public static void Add(string appRef, NuGetDependencies? nuget, JsonArray components, List<string> refs,
        Dictionary<string, List<string>> dependencies)
    {
        if (nuget is null)
        {
            return;
        }
        var purls = nuget.Libraries.ToDictionary(l => l.Key, l => l.Purl, StringComparer.OrdinalIgnoreCase);
        Depend(dependencies, appRef, nuget.Direct.Select(k => purls[k]));
        foreach (NuGetLibrary library in nuget.Libraries)
        {
            string purl = purls[library.Key];
            Depend(dependencies, purl, library.DependsOn.Select(k => purls[k]));
            if (refs.Contains(purl))
            {
                continue;
            }
            refs.Add(purl);
            components.Add((JsonNode)Component(library, purl));
        }
    }

    private static void Depend(Dictionary<string, List<string>> dependencies, string from, IEnumerable<string> to)
    {
        if (!dependencies.TryGetValue(from, out List<string>? list))
        {
            dependencies[from] = list = [];
        }
        foreach (string target in to)
        {
            if (!list.Contains(target))
            {
                list.Add(target);
            }
        }
    }

    private static JsonObject Component(NuGetLibrary library, string purl)
    {
        var json = new JsonObject
        {
            ["type"] = "library",
            ["bom-ref"] = purl,
            ["name"] = library.Name,
            ["version"] = library.Version,
        };
        if (library.Sha512 is { } sha512)
        {
            json["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-512", ["content"] = sha512 });
        }
        json["purl"] = purl;
        var properties = new JsonArray();
        foreach (string file in library.DepsFiles)
        {
            properties.Add((JsonNode)new JsonObject { ["name"] = "imagedsl:dotnet:deps-file", ["value"] = file });
        }
        properties.Add((JsonNode)new JsonObject { ["name"] = "imagedsl:dotnet:library-type", ["value"] = library.Type });
        if (library.Sha512 is not null)
        {
            // The deps file's hash is NuGet's content hash, not necessarily the .nupkg file's.
            properties.Add((JsonNode)new JsonObject { ["name"] = "imagedsl:nuget:sha512", ["value"] = "content hash" });
        }
        json["properties"] = properties;
        return json;
    }
}
