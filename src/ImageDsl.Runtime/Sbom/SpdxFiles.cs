using System.Text.Json.Nodes;

namespace ImageDsl.Sbom;

/// <summary>The files of a package in an SPDX document (written for ImageDsl's local content packages).</summary>
internal static class SpdxFiles
{
    /// <summary>
    /// Lists a package's files (sorted by path) with their SHA-1, marks the package as analysed and adds
    /// SPDX's verification code: the SHA-1 of the files' sorted hex SHA-1s, concatenated. Returns the
    /// files' SPDX ids by path.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Add(JsonObject package, IReadOnlyList<SbomFile> packageFiles, List<JsonNode> files, List<JsonObject> relationships)
    {
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        if (packageFiles.Count == 0)
        {
            return byPath;
        }
        string packageId = (string)package["SPDXID"]!;
        var ids = new JsonArray();
        int n = 0;
        foreach (SbomFile file in packageFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            string id = $"SPDXRef-File-{packageId["SPDXRef-".Length..]}-{++n}";
            files.Add(new JsonObject
            {
                ["SPDXID"] = id,
                ["fileName"] = file.Path,
                ["checksums"] = new JsonArray(new JsonObject { ["algorithm"] = "SHA1", ["checksumValue"] = file.Sha1 }),
                ["licenseConcluded"] = "NOASSERTION",
                ["copyrightText"] = "NOASSERTION",
            });
            ids.Add((JsonNode)id);
            byPath.TryAdd(file.Path, id);
            relationships.Add(SpdxWriter.Relationship(packageId, "CONTAINS", id));
        }
        string code = string.Concat(packageFiles.Select(f => f.Sha1).Order(StringComparer.Ordinal));
        package["filesAnalyzed"] = true;
        package["packageVerificationCode"] = new JsonObject
        {
            ["packageVerificationCodeValue"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.ASCII.GetBytes(code))),
        };
        package["hasFiles"] = ids;
        return byPath;
    }
}
