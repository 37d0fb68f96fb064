using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;

namespace ImageDsl.Sbom;

/// <summary>
/// An SPDX document a package ships under `/var/lib/db/sbom/` (melange writes them): the packages
/// it describes and everything reachable from them through package-to-package relationships,
/// copied as apko copies them (files dropped, `filesAnalyzed: false`, no verification code).
/// </summary>
internal sealed partial class EmbeddedSbom
{
    private const string Folder = "/var/lib/db/sbom/";

    private EmbeddedSbom(List<JsonObject> described, List<JsonObject> packages, List<JsonObject> relationships, List<JsonObject> licensing)
    {
        Described = described;
        Packages = packages;
        Relationships = relationships;
        Licensing = licensing;
    }

    /// <summary>The packages the document describes (copies).</summary>
    public List<JsonObject> Described { get; }

    /// <summary>Every copied package, described ones first.</summary>
    public List<JsonObject> Packages { get; }

    /// <summary>Relationships among the copied packages.</summary>
    public List<JsonObject> Relationships { get; }

    /// <summary>`hasExtractedLicensingInfos` entries.</summary>
    public List<JsonObject> Licensing { get; }

    /// <summary>The package's document: `name-version`, `name-version` without `-rN`, then `name`.</summary>
    public static EmbeddedSbom? Find(FileTree tree, SbomPackage package)
    {
        string withoutRelease = ReleaseSuffix().Replace(package.Version, "");
        foreach (string file in new[] { $"{package.Name}-{package.Version}", $"{package.Name}-{withoutRelease}", package.Name })
        {
            string path = Folder + file + ".spdx.json";
            if (file.Contains('/') || tree.Lookup(path) is not { Type: FileNodeType.RegularFile, Content: { } content })
            {
                continue;
            }
            try
            {
                return JsonNode.Parse(content.ReadAllBytes()) is JsonObject document ? Extract(document) : null;
            }
            catch (JsonException e)
            {
                throw new ImageDslException(ErrorKind.Build,
                    $"the SBOM '{path}' shipped by package {package.Name}-{package.Version} is not valid JSON: {e.Message}",
                    "rebuild the package with a valid SBOM or remove the file with a path mutation", e);
            }
        }
        return null;
    }

    private static EmbeddedSbom Extract(JsonObject document)
    {
        var packages = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (JsonObject package in (document["packages"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (package["SPDXID"]?.GetValue<string>() is { } id)
            {
                packages.TryAdd(id, package);
            }
        }
        var relationships = (document["relationships"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => (From: Text(r, "spdxElementId"), Type: Text(r, "relationshipType"), To: Text(r, "relatedSpdxElement"), Node: r))
            .ToList();
        var describedIds = (document["documentDescribes"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "")
            .Concat(relationships.Where(r => r.Type == "DESCRIBES" && r.From == "SPDXRef-DOCUMENT").Select(r => r.To))
            .Where(packages.ContainsKey)
            .Distinct()
            .ToList();

        var reached = new List<string>(describedIds);
        var seen = new HashSet<string>(describedIds, StringComparer.Ordinal);
        for (int i = 0; i < reached.Count; i++)
        {
            foreach (var r in relationships)
            {
                string? next = r.From == reached[i] ? r.To : r.To == reached[i] ? r.From : null;
                if (next is not null && packages.ContainsKey(next) && seen.Add(next))
                {
                    reached.Add(next);
                }
            }
        }
        List<JsonObject> copies = reached.Select(id => Clean(packages[id])).ToList();
        var copied = relationships
            .Where(r => seen.Contains(r.From) && seen.Contains(r.To))
            .Select(r => (JsonObject)r.Node.DeepClone())
            .ToList();
        var licensing = (document["hasExtractedLicensingInfos"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(l => (JsonObject)l.DeepClone())
            .ToList();
        return new EmbeddedSbom(copies.Take(describedIds.Count).ToList(), copies, copied, licensing);
    }

    private static JsonObject Clean(JsonObject package)
    {
        var copy = (JsonObject)package.DeepClone();
        copy.Remove("packageVerificationCode");
        copy.Remove("hasFiles");
        copy.Remove("licenseInfoFromFiles");
        copy["filesAnalyzed"] = false;
        if (!copy.ContainsKey("downloadLocation"))
        {
            copy["downloadLocation"] = "NOASSERTION";
        }
        if (!copy.ContainsKey("supplier"))
        {
            copy["supplier"] = "NOASSERTION";
        }
        if (!copy.ContainsKey("originator"))
        {
            copy["originator"] = copy["supplier"]!.DeepClone();
        }
        return copy;
    }

    private static string Text(JsonObject node, string key) =>
        node[key] is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    [GeneratedRegex("-r[0-9]+$")]
    private static partial Regex ReleaseSuffix();
}
