using Json.Schema;

namespace ImageDsl.Tests.Sbom;

/// <summary>
/// The CycloneDX 1.6 JSON schema kept in Sbom/Schemas (see its README), loaded once with the two
/// schemas it references; JsonSchema.Net registers each globally by its id, which resolves the $refs.
/// </summary>
internal static class CycloneDxSchema
{
    private static readonly Lazy<JsonSchema> Loaded = new(() =>
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Sbom", "Schemas");
        JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "spdx.schema.json")));
        JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "jsf-0.82.schema.json")));
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "bom-1.6.schema.json")));
    });

    public static JsonSchema Instance => Loaded.Value;
}
