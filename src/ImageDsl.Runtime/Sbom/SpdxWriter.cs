using System.Reflection;
using System.Text.Json.Nodes;
using ImageDsl.Formats.Json;
using ImageDsl.Oci;

namespace ImageDsl.Sbom;

/// <summary>Settings shared by every SBOM of one build.</summary>
public sealed record SbomOptions
{
    /// <summary>The build date (`creationInfo.created`).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>The purl name of the image: the last path element of the first tag's repository.</summary>
    public string? ImageName { get; init; }

    /// <summary>`vcs-url` (`url@commit`): adds a source package the image is generated from.</summary>
    public string? VcsUrl { get; init; }
}

/// <summary>
/// Writes SPDX 2.3 JSON SBOMs: `sbom-&lt;apkarch&gt;.spdx.json` per image and `sbom-index.spdx.json`.
/// Unlike apko (which lists only packages that embed an SBOM), every installed package is listed with
/// its purl `pkg:apk/&lt;distro&gt;/&lt;name&gt;@&lt;version&gt;?arch=&lt;apkarch&gt;` and checksums; SBOMs
/// that packages embed under `/var/lib/db/sbom/` are merged in; local content packages list their files
/// and the NuGet packages of the .NET apps in them (<see cref="SpdxNuGet"/>). Output is deterministic.
/// </summary>
public static class SpdxWriter
{
    private const string Document = "SPDXRef-DOCUMENT";

    /// <summary>Writes every SBOM into <paramref name="directory"/> (each file atomically); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, OciImageIndex index, IReadOnlyList<SbomImage> images, SbomOptions? options = null)
    {
        options ??= new SbomOptions();
        return SbomFiles.Write(directory, "spdx.json", images, image => ImageDocument(image, options), () => IndexDocument(index, options));
    }

    /// <summary>The purl name for a `repo:tag` reference (`registry/org/app:1` → `app`), or null.</summary>
    public static string? PurlName(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        string repository = reference;
        int at = repository.IndexOf('@');
        if (at >= 0)
        {
            repository = repository[..at];
        }
        int colon = repository.LastIndexOf(':');
        if (colon > repository.LastIndexOf('/'))
        {
            repository = repository[..colon];
        }
        return repository[(repository.LastIndexOf('/') + 1)..];
    }

    /// <summary>One image's SBOM document.</summary>
    public static byte[] ImageDocument(SbomImage input, SbomOptions options)
    {
        OciImage image = input.Image;
        OsRelease os = OsRelease.Read(input.Tree);
        string name = options.ImageName ?? "image";
        string arch = image.Architecture.OciArchitecture;
        string supplier = os.Found ? "Organization: " + os.Name : "NOASSERTION";
        var packages = new SpdxPackages();
        var relationships = new List<JsonObject>();
        var files = new List<JsonNode>();
        var licensing = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

        string imageId = "SPDXRef-Package-Image-" + SpdxText.Identifier(image.Manifest.Digest);
        packages.Add(Package(imageId, image.Manifest.Digest, image.Manifest.Digest, supplier, "ImageDsl container image",
            "CONTAINER", [("SHA256", image.Manifest.Hex)],
            SpdxText.Purl("oci", name, image.Manifest.Digest, OciQualifiers(image, OciMediaTypes.Manifest))));

        foreach (LayerBlob layer in image.Layers)
        {
            string layerId = "SPDXRef-Package-ImageLayer-" + SpdxText.Identifier(layer.Digest);
            if (packages.Add(Package(layerId, layer.Digest, os.VersionId, supplier, "ImageDsl operating system layer", "CONTAINER",
                [("SHA256", layer.Descriptor.Hex)], SpdxText.Purl("oci", name, layer.Digest, OciQualifiers(image, layer.MediaType)))))
            {
                relationships.Add(Relationship(imageId, "CONTAINS", layerId));
            }
        }

        string osId = "SPDXRef-OperatingSystem-" + SpdxText.Identifier(os.Id);
        // apko lists the operating system without relating it to anything; so do we.
        packages.Add(Package(osId, os.Id, os.VersionId, supplier, "Operating System", "OPERATING_SYSTEM", [], null));

        if (SourcePackage(options.VcsUrl) is { } source)
        {
            packages.Add(source);
            relationships.Add(Relationship(imageId, "GENERATED_FROM", (string)source["SPDXID"]!));
        }

        string distro = os.Found ? os.Id : "unknown";
        foreach (SbomPackage package in input.Packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal))
        {
            JsonObject ours = ApkPackage(package, distro, supplier);
            EmbeddedSbom? embedded = EmbeddedSbom.Find(input.Tree, package);
            JsonObject? same = embedded?.Described.FirstOrDefault(d => (string?)d["name"] == package.Name);
            if (same is not null)
            {
                Enrich(same, ours);
            }
            else if (packages.Add(ours))
            {
                relationships.Add(Relationship(imageId, "CONTAINS", (string)ours["SPDXID"]!));
                IReadOnlyDictionary<string, string> fileIds = SpdxFiles.Add(ours, package.Files, files, relationships);
                SpdxNuGet.Add((string)ours["SPDXID"]!, package.NuGet, fileIds, packages.Add, relationships);
            }
            if (embedded is null)
            {
                continue;
            }
            foreach (JsonObject copy in embedded.Packages)
            {
                bool added = packages.Add(copy);
                if (added && embedded.Described.Contains(copy))
                {
                    relationships.Add(Relationship(imageId, "CONTAINS", (string)copy["SPDXID"]!));
                }
            }
            relationships.AddRange(embedded.Relationships);
            foreach (JsonObject info in embedded.Licensing)
            {
                licensing.TryAdd((string?)info["licenseId"] ?? "", info);
            }
        }

        var json = new JsonObject
        {
            ["SPDXID"] = Document,
            ["name"] = "sbom-" + (image.Layers.Count > 0 ? image.Layers[0].Digest : image.Manifest.Digest),
            ["spdxVersion"] = "SPDX-2.3",
            ["creationInfo"] = CreationInfo(options),
            ["dataLicense"] = "CC0-1.0",
            ["documentNamespace"] = "https://spdx.org/spdxdocs/imagedsl/" + image.Manifest.Hex,
            ["documentDescribes"] = new JsonArray(imageId),
            ["packages"] = new JsonArray([.. packages.All]),
            ["relationships"] = new JsonArray([.. Distinct(relationships)]),
        };
        if (files.Count > 0)
        {
            json["files"] = new JsonArray([.. files]);
        }
        if (licensing.Count > 0)
        {
            json["hasExtractedLicensingInfos"] = new JsonArray([.. licensing.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value)]);
        }
        return new GoJsonWriter(indent: true).Node(json).ToBytes(trailingNewline: true);
    }

    /// <summary>The index's SBOM document: the index and one package per architecture's image.</summary>
    public static byte[] IndexDocument(OciImageIndex index, SbomOptions options)
    {
        string name = options.ImageName ?? "index";
        string indexId = "SPDXRef-Package-" + SpdxText.Identifier(index.Index.Digest);
        var packages = new JsonArray(Package(indexId, index.Index.Digest, index.Index.Digest, "Organization: ImageDsl",
            "Multi-arch image index", "CONTAINER", [("SHA256", index.Index.Hex)],
            SpdxText.Purl("oci", name, index.Index.Digest, [("mediaType", OciMediaTypes.Index)]), "Generated at image build time by ImageDsl"));
        var relationships = new JsonArray();
        foreach (OciImage image in index.Images)
        {
            string id = "SPDXRef-Package-" + SpdxText.Identifier(image.Manifest.Digest);
            packages.Add((JsonNode)Package(id, image.Manifest.Digest, image.Manifest.Digest, "Organization: ImageDsl", "ImageDsl container image",
                "CONTAINER", [("SHA256", image.Manifest.Hex)],
                SpdxText.Purl("oci", name, image.Manifest.Digest, OciQualifiers(image, OciMediaTypes.Manifest))));
            relationships.Add((JsonNode)Relationship(indexId, "VARIANT_OF", id));
        }
        if (SourcePackage(options.VcsUrl) is { } source)
        {
            packages.Add((JsonNode)source);
            relationships.Add((JsonNode)Relationship(indexId, "GENERATED_FROM", (string)source["SPDXID"]!));
        }
        var json = new JsonObject
        {
            ["SPDXID"] = Document,
            ["name"] = "sbom-" + index.Index.Digest,
            ["spdxVersion"] = "SPDX-2.3",
            ["creationInfo"] = CreationInfo(options),
            ["dataLicense"] = "CC0-1.0",
            ["documentNamespace"] = "https://spdx.org/spdxdocs/imagedsl/" + index.Index.Hex,
            ["documentDescribes"] = new JsonArray(indexId),
            ["packages"] = packages,
            ["relationships"] = relationships,
        };
        return new GoJsonWriter(indent: true).Node(json).ToBytes(trailingNewline: true);
    }

    private static JsonObject ApkPackage(SbomPackage package, string distro, string fallbackSupplier)
    {
        var checksums = new List<(string, string)>();
        if (SpdxText.Q1ToHex(package.ControlChecksum) is { } sha1)
        {
            checksums.Add(("SHA1", sha1));
        }
        if (package.DataHash is { Length: 64 } dataHash)
        {
            checksums.Add(("SHA256", dataHash.ToLowerInvariant()));
        }
        string supplier = string.IsNullOrWhiteSpace(package.Maintainer) ? fallbackSupplier : "Person: " + package.Maintainer.Trim();
        // APPLICATION, as melange writes it into the SBOMs apko copies.
        JsonObject json = Package(
            "SPDXRef-Package-apk-" + SpdxText.Identifier(package.Name) + "-" + SpdxText.Identifier(package.Version),
            package.Name, package.Version, supplier, package.Description, "APPLICATION", checksums,
            SpdxText.Purl("apk", Uri.EscapeDataString(distro) + "/" + Uri.EscapeDataString(package.Name), package.Version,
                [("arch", package.Architecture)]),
            string.IsNullOrEmpty(package.Origin) ? null : "built from origin package " + package.Origin,
            license: string.IsNullOrWhiteSpace(package.License) ? "NOASSERTION" : package.License.Trim());
        if (!string.IsNullOrWhiteSpace(package.Url) && Uri.TryCreate(package.Url, UriKind.Absolute, out _))
        {
            json["homepage"] = package.Url;
        }
        return json;
    }

    /// <summary>
    /// Adds our checksums to a package an embedded SBOM describes, and our purl only when it has no apk
    /// purl of its own (melange's names the distribution its own way; a second one would contradict it).
    /// </summary>
    private static void Enrich(JsonObject embedded, JsonObject ours)
    {
        bool hasApkPurl = embedded["externalRefs"] is JsonArray refs && refs.Any(r =>
            (string?)r?["referenceType"] == "purl" && ((string?)r["referenceLocator"])?.StartsWith("pkg:apk/", StringComparison.Ordinal) == true);
        foreach (string key in hasApkPurl ? new[] { "checksums" } : ["checksums", "externalRefs"])
        {
            if (ours[key] is not JsonArray additions)
            {
                continue;
            }
            var target = embedded[key] as JsonArray;
            if (target is null)
            {
                embedded[key] = target = [];
            }
            var present = target.Select(n => n?.ToJsonString()).ToHashSet();
            foreach (JsonNode? item in additions)
            {
                if (!present.Contains(item?.ToJsonString()))
                {
                    target.Add(item!.DeepClone());
                }
            }
        }
    }

    private static JsonObject? SourcePackage(string? vcsUrl)
    {
        if (string.IsNullOrEmpty(vcsUrl) || vcsUrl.IndexOf('@') is var at && at <= 0)
        {
            return null;
        }
        string url = vcsUrl[..at];
        string commit = vcsUrl[(at + 1)..];
        string? purl = null;
        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Host == "github.com")
        {
            string path = uri.AbsolutePath.Trim('/');
            if (path.EndsWith(".git", StringComparison.Ordinal))
            {
                path = path[..^4];
            }
            purl = SpdxText.Purl("github", path, commit, []);
        }
        bool sha1 = commit.Length == 40 && commit.All(char.IsAsciiHexDigitLower);
        // apko's name: the URL without its scheme.
        string name = url;
        foreach (string scheme in new[] { "git+ssh://", "git://", "https://" })
        {
            if (name.StartsWith(scheme, StringComparison.Ordinal))
            {
                name = name[scheme.Length..];
                break;
            }
        }
        JsonObject json = Package("SPDXRef-Package-Source-" + SpdxText.Identifier(url), name, commit, "NOASSERTION",
            "Image configuration source", "SOURCE", sha1 ? [("SHA1", commit)] : [], purl);
        json["downloadLocation"] = url;
        return json;
    }

    /// <summary>
    /// One package in apko's field order. License, originator and copyright are written only for apk
    /// packages (<paramref name="license"/> given), as apko does; empty lists are left out.
    /// </summary>
    internal static JsonObject Package(
        string id, string name, string version, string supplier, string? description, string? purpose,
        IReadOnlyList<(string Algorithm, string Value)> checksums, string? purl, string? sourceInfo = null, string? license = null)
    {
        var json = new JsonObject
        {
            ["SPDXID"] = id,
            ["name"] = name,
            ["versionInfo"] = version,
            ["filesAnalyzed"] = false,
        };
        if (license is not null)
        {
            json["licenseConcluded"] = "NOASSERTION";
            json["licenseDeclared"] = license;
        }
        if (!string.IsNullOrEmpty(description))
        {
            json["description"] = description;
        }
        json["downloadLocation"] = "NOASSERTION";
        if (license is not null)
        {
            json["originator"] = supplier;
        }
        json["supplier"] = supplier;
        if (sourceInfo is not null)
        {
            json["sourceInfo"] = sourceInfo;
        }
        if (license is not null)
        {
            json["copyrightText"] = "NOASSERTION";
        }
        if (purpose is not null)
        {
            json["primaryPackagePurpose"] = purpose;
        }
        if (checksums.Count > 0)
        {
            json["checksums"] = new JsonArray([.. checksums.Select(c => new JsonObject { ["algorithm"] = c.Algorithm, ["checksumValue"] = c.Value })]);
        }
        if (purl is not null)
        {
            json["externalRefs"] = new JsonArray(new JsonObject
            {
                ["referenceCategory"] = "PACKAGE-MANAGER",
                ["referenceLocator"] = purl,
                ["referenceType"] = "purl",
            });
        }
        return json;
    }

    private static IEnumerable<(string, string)> OciQualifiers(OciImage image, string mediaType) =>
        [("arch", image.Architecture.OciArchitecture), ("mediaType", mediaType), ("os", "linux"), ("variant", image.Architecture.OciVariant ?? "")];

    internal static JsonObject Relationship(string from, string type, string to) => new()
    {
        ["spdxElementId"] = from,
        ["relationshipType"] = type,
        ["relatedSpdxElement"] = to,
    };

    private static IEnumerable<JsonObject> Distinct(IEnumerable<JsonObject> relationships)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return relationships.Where(r => seen.Add(r.ToJsonString()));
    }

    private static JsonObject CreationInfo(SbomOptions options)
    {
        return new JsonObject
        {
            ["created"] = ImageAnnotations.FormatTime(options.Created),
            ["creators"] = new JsonArray("Tool: imagedsl-" + ProductVersion.Version, "Organization: ImageDsl"),
            ["licenseListVersion"] = "3.27",
        };
    }

    /// <summary>Packages deduplicated by SPDXID, first wins, in insertion order.</summary>
    private sealed class SpdxPackages
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public List<JsonObject> All { get; } = [];

        public bool Add(JsonObject package)
        {
            if (!_ids.Add((string?)package["SPDXID"] ?? ""))
            {
                return false;
            }
            All.Add(package);
            return true;
        }
    }
}
