namespace ImageDsl.Tests.FolderGraph;

/// <summary>
/// The folders of src/ImageDsl.Runtime in pipeline order. A folder may use its own stage and any
/// earlier one, never a later one. Errors, Progress and Formats are the foundations every stage
/// shares; Config, Apk, Assembling, Oci, Sbom and Build follow in the order an image is made.
/// </summary>
internal static class PipelineStages
{
    /// <summary>Each top-level folder (and namespace under ImageDsl) with its stage.</summary>
    public static readonly IReadOnlyDictionary<string, int> Order = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Errors"] = 0,
        ["Progress"] = 0,
        ["Formats"] = 1,
        ["Config"] = 2,
        ["Apk"] = 3,
        ["Assembling"] = 4,
        ["Oci"] = 5,
        ["Sbom"] = 6,
        ["Build"] = 7,
    };
}
