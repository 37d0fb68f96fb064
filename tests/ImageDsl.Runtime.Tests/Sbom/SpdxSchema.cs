using Json.Schema;

namespace ImageDsl.Tests.Sbom;

/// <summary>The SPDX 2.3 schema, loaded once: JsonSchema.Net registers schemas globally by id.</summary>
internal static class SpdxSchema
{
    private static readonly Lazy<JsonSchema> Loaded = new(() =>
        JsonSchema.FromText(File.ReadAllText(Fixtures.Shared("spdx", "spdx-schema-2.3.json"))));

    public static JsonSchema Instance => Loaded.Value;
}
