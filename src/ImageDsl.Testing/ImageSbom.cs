using System.Text;
using System.Text.Json;

namespace ImageDsl.Testing;

/// <summary>
/// The image's SPDX 2.3 SBOM: the document <c>dotnet image build</c> writes for the architecture under
/// test (<c>sbom-&lt;arch&gt;.spdx.json</c>), and the packages it lists.
/// </summary>
public sealed class ImageSbom
{
    internal ImageSbom(byte[] document)
    {
        Json = Encoding.UTF8.GetString(document);
        Packages = Read(document);
    }

    /// <summary>The SPDX JSON document, for assertions this class does not cover.</summary>
    public string Json { get; }

    /// <summary>
    /// Every package the document lists except the image itself, its layers and the operating system
    /// entry: the installed APK packages (and what their own embedded SBOMs describe), sorted by name.
    /// </summary>
    public IReadOnlyList<SbomEntry> Packages { get; }

    private static List<SbomEntry> Read(byte[] document)
    {
        using JsonDocument json = JsonDocument.Parse(document);
        var entries = new List<SbomEntry>();
        if (!json.RootElement.TryGetProperty("packages", out JsonElement packages) || packages.ValueKind != JsonValueKind.Array)
        {
            return entries;
        }
        foreach (JsonElement package in packages.EnumerateArray())
        {
            if (Text(package, "primaryPackagePurpose") is "CONTAINER" or "OPERATING_SYSTEM" or "SOURCE")
            {
                continue;
            }
            entries.Add(new SbomEntry(
                Text(package, "name") ?? "",
                Text(package, "versionInfo") ?? "",
                Purl(package),
                Text(package, "licenseDeclared"),
                Text(package, "supplier")));
        }
        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name) is var byName and not 0
            ? byName
            : StringComparer.Ordinal.Compare(a.Version, b.Version));
        return entries;
    }

    private static string? Purl(JsonElement package)
    {
        if (!package.TryGetProperty("externalRefs", out JsonElement refs) || refs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        return refs.EnumerateArray()
            .Where(r => Text(r, "referenceType") == "purl")
            .Select(r => Text(r, "referenceLocator"))
            .FirstOrDefault(l => l is not null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
