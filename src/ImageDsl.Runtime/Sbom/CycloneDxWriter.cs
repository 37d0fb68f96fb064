using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageDsl.Formats.Json;
using ImageDsl.Oci;

namespace ImageDsl.Sbom;

/// <summary>
/// Writes CycloneDX 1.6 JSON SBOMs (apko has none): `sbom-&lt;apkarch&gt;.cdx.json` per image, with the
/// image as `metadata.component`, the operating system and every installed package as components
/// (same purls and checksums as the SPDX documents), the NuGet packages of .NET apps in local content
/// (<see cref="CycloneDxNuGet"/>), and `sbom-index.cdx.json` for the index. The
/// serial number is derived from the digest, so the same image gives the same bytes.
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>Writes every SBOM into <paramref name="directory"/> (each file atomically); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, OciImageIndex index, IReadOnlyList<SbomImage> images, SbomOptions? options = null)
    {
        options ??= new SbomOptions();
        return SbomFiles.Write(directory, "cdx.json", images, image => ImageDocument(image, options), () => IndexDocument(index, options));
    }

    /// <summary>One image's BOM.</summary>
    public static byte[] ImageDocument(SbomImage input, SbomOptions options)
    {
        OciImage image = input.Image;
        OsRelease os = OsRelease.Read(input.Tree);
        string name = options.ImageName ?? "image";
        string imagePurl = SpdxText.Purl("oci", name, image.Manifest.Digest,
            [("arch", image.Architecture.OciArchitecture), ("mediaType", OciMediaTypes.Manifest), ("os", "linux"), ("variant", image.Architecture.OciVariant ?? "")]);
        JsonObject root = Component("container", imagePurl, name, image.Manifest.Digest, imagePurl, [("SHA-256", image.Manifest.Hex)]);

        string distro = os.Found ? os.Id : "unknown";
        var components = new JsonArray();
        string osRef = "os:" + os.Id + "@" + os.VersionId;
        JsonObject osComponent = Component("operating-system", osRef, os.Id, os.VersionId, null, []);
        osComponent["description"] = os.Name;
        components.Add((JsonNode)osComponent);
        var refs = new List<string> { osRef };
        var packageRefs = new List<string> { osRef };
        var appDependencies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (SbomPackage package in input.Packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal))
        {
            string purl = SpdxText.Purl("apk", Uri.EscapeDataString(distro) + "/" + Uri.EscapeDataString(package.Name), package.Version,
                [("arch", package.Architecture)]);
            if (refs.Contains(purl))
            {
                continue;
            }
            refs.Add(purl);
            packageRefs.Add(purl);
            components.Add((JsonNode)PackageComponent(package, purl));
            CycloneDxNuGet.Add(purl, package.NuGet, components, refs, appDependencies);
        }

        JsonObject bom = Bom(image.Manifest.Digest, options, root);
        bom["components"] = components;
        var dependencies = new JsonArray(
            new JsonObject { ["ref"] = imagePurl, ["dependsOn"] = new JsonArray([.. packageRefs.Select(r => (JsonNode)r)]) });
        foreach ((string from, List<string> to) in appDependencies)
        {
            dependencies.Add((JsonNode)new JsonObject { ["ref"] = from, ["dependsOn"] = new JsonArray([.. to.Select(r => (JsonNode)r)]) });
        }
        bom["dependencies"] = dependencies;
        return new GoJsonWriter(indent: true).Node(bom).ToBytes(trailingNewline: true);
    }

    /// <summary>The index's BOM: the index and one container component per architecture.</summary>
    public static byte[] IndexDocument(OciImageIndex index, SbomOptions options)
    {
        string name = options.ImageName ?? "index";
        string indexPurl = SpdxText.Purl("oci", name, index.Index.Digest, [("mediaType", OciMediaTypes.Index)]);
        JsonObject root = Component("container", indexPurl, name, index.Index.Digest, indexPurl, [("SHA-256", index.Index.Hex)]);
        var components = new JsonArray();
        var refs = new JsonArray();
        foreach (OciImage image in index.Images)
        {
            string purl = SpdxText.Purl("oci", name, image.Manifest.Digest,
                [("arch", image.Architecture.OciArchitecture), ("mediaType", OciMediaTypes.Manifest), ("os", "linux"), ("variant", image.Architecture.OciVariant ?? "")]);
            components.Add((JsonNode)Component("container", purl, name, image.Manifest.Digest, purl, [("SHA-256", image.Manifest.Hex)]));
            refs.Add((JsonNode)purl);
        }
        JsonObject bom = Bom(index.Index.Digest, options, root);
        bom["components"] = components;
        bom["dependencies"] = new JsonArray(new JsonObject { ["ref"] = indexPurl, ["dependsOn"] = refs });
        return new GoJsonWriter(indent: true).Node(bom).ToBytes(trailingNewline: true);
    }

    private static JsonObject Bom(string digest, SbomOptions options, JsonObject root)
    {
        var metadata = new JsonObject
        {
            ["timestamp"] = ImageAnnotations.FormatTime(options.Created),
            ["tools"] = new JsonObject
            {
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "application",
                    ["name"] = "imagedsl",
                    ["version"] = ProductVersion.Version,
                }),
            },
            ["component"] = root,
        };
        if (SourceReference(options.VcsUrl) is { } source)
        {
            root["externalReferences"] = new JsonArray(source);
        }
        return new JsonObject
        {
            ["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json",
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = SerialNumber(digest),
            ["version"] = 1,
            ["metadata"] = metadata,
        };
    }

    private static JsonObject PackageComponent(SbomPackage package, string purl)
    {
        var hashes = new List<(string, string)>();
        if (SpdxText.Q1ToHex(package.ControlChecksum) is { } sha1)
        {
            hashes.Add(("SHA-1", sha1));
        }
        if (package.DataHash is { Length: 64 } dataHash && dataHash.All(char.IsAsciiHexDigit))
        {
            hashes.Add(("SHA-256", dataHash.ToLowerInvariant()));
        }
        JsonObject json = Component("library", purl, package.Name, package.Version, purl, hashes);
        if (!string.IsNullOrWhiteSpace(package.Maintainer))
        {
            json["supplier"] = new JsonObject { ["name"] = package.Maintainer.Trim() };
        }
        if (!string.IsNullOrWhiteSpace(package.Description))
        {
            json["description"] = package.Description;
        }
        if (!string.IsNullOrWhiteSpace(package.License))
        {
            // The package's own words: Alpine's are not always valid SPDX expressions, so they are not rewritten.
            json["licenses"] = new JsonArray(new JsonObject { ["expression"] = package.License.Trim() });
        }
        if (!string.IsNullOrWhiteSpace(package.Url) && Uri.TryCreate(package.Url, UriKind.Absolute, out _))
        {
            json["externalReferences"] = new JsonArray(new JsonObject { ["type"] = "website", ["url"] = package.Url });
        }
        if (!string.IsNullOrEmpty(package.Origin))
        {
            json["properties"] = new JsonArray(new JsonObject { ["name"] = "imagedsl:apk:origin", ["value"] = package.Origin });
        }
        return json;
    }

    private static JsonObject Component(string type, string bomRef, string name, string version, string? purl, IReadOnlyList<(string Alg, string Content)> hashes)
    {
        var json = new JsonObject
        {
            ["type"] = type,
            ["bom-ref"] = bomRef,
            ["name"] = name,
            ["version"] = version,
        };
        if (hashes.Count > 0)
        {
            json["hashes"] = new JsonArray([.. hashes.Select(h => new JsonObject { ["alg"] = h.Alg, ["content"] = h.Content })]);
        }
        if (purl is not null)
        {
            json["purl"] = purl;
        }
        return json;
    }

    private static JsonObject? SourceReference(string? vcsUrl)
    {
        if (string.IsNullOrEmpty(vcsUrl))
        {
            return null;
        }
        int at = vcsUrl.IndexOf('@');
        string url = at > 0 ? vcsUrl[..at] : vcsUrl;
        var json = new JsonObject { ["type"] = "vcs", ["url"] = url };
        if (at > 0)
        {
            json["comment"] = "commit " + vcsUrl[(at + 1)..];
        }
        return json;
    }

    /// <summary>A UUID (version 8, RFC 9562) made from the digest: the same image, the same serial number.</summary>
    private static string SerialNumber(string digest)
    {
        byte[] bytes = SHA256.HashData(Encoding.UTF8.GetBytes("imagedsl-cyclonedx:" + digest))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        string hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
