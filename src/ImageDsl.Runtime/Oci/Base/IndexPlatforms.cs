using System.Text.Json;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Oci.Base;

/// <summary>
/// Picks an architecture's image from a pulled index: the entry whose platform is `linux` (or unset)
/// with the architecture's OCI name and, for arm/v6 and arm/v7, its variant (arm64 accepts any variant,
/// as registries often label it v8). Nested indexes and attestation entries (`unknown/unknown`) are skipped.
/// </summary>
internal static class IndexPlatforms
{
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";
    private const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>True when the document is an index (OCI image index or Docker manifest list).</summary>
    public static bool IsIndex(byte[] content)
    {
        using JsonDocument document = RegistryBaseImage.ParseJson(content, "the base image's root manifest");
        JsonElement root = document.RootElement;
        return (root.TryGetProperty("mediaType", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString() is OciIndex or DockerList)
            || (root.TryGetProperty("manifests", out JsonElement list) && list.ValueKind == JsonValueKind.Array);
    }

    /// <summary>The index entry for <paramref name="arch"/>: os linux (or unset), its architecture and, when the arch has one, its variant.</summary>
    public static string Choose(byte[] index, string indexDigest, Architecture arch, string shown)
    {
        using JsonDocument document = RegistryBaseImage.ParseJson(index, $"index {indexDigest}");
        if (!document.RootElement.TryGetProperty("manifests", out JsonElement manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            throw RegistryBaseImage.Corrupt($"index {indexDigest} of {shown} has no 'manifests' list");
        }
        var seen = new List<string>();
        foreach (JsonElement entry in manifests.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("platform", out JsonElement platform) || platform.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            string? os = RegistryBaseImage.Text(platform, "os");
            string? architecture = RegistryBaseImage.Text(platform, "architecture");
            string? variant = RegistryBaseImage.Text(platform, "variant");
            seen.Add($"{os}/{architecture}{(variant is null ? "" : "/" + variant)}");
            string? type = RegistryBaseImage.Text(entry, "mediaType");
            if ((os is null or "linux") && architecture == arch.OciArchitecture && (arch.OciVariant is null || variant == arch.OciVariant)
                && type is not (OciIndex or DockerList))
            {
                string digest = RegistryBaseImage.Text(entry, "digest") ?? "";
                return Digests.IsValid(digest) ? digest : throw RegistryBaseImage.Corrupt($"index {indexDigest} of {shown} lists '{digest}' for {arch}, which is not a sha256 digest");
            }
        }
        throw new ImageDslException(ErrorKind.Configuration,
            $"the base image {shown} has no image for {arch} (it has: {(seen.Count == 0 ? "none" : string.Join(", ", seen.Distinct()))})",
            "Build only the architectures the base image has (`archs:` or --arch), or use a base image built for them.");
    }
}
