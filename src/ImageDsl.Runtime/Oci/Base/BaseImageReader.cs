using System.Security.Cryptography;
using System.Text.Json;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Oci.Base;

/// <summary>
/// Reads one architecture's image out of an OCI layout folder for building on top of it: picks the
/// manifest whose config names the architecture, verifies every blob against its digest and every
/// layer against the config's diff_ids, and takes the apk database from the layers.
/// </summary>
public static class BaseImageReader
{
    /// <summary>The largest manifest or config read: 4 MiB.</summary>
    internal const long MaxConfigSize = 4 << 20;

    /// <summary>Reads the image for <paramref name="arch"/> from the layout at <paramref name="layoutDirectory"/>.</summary>
    /// <exception cref="ImageDslException">Exit 2 when the layout has no image for the arch; exit 5 when a blob does not match its digest.</exception>
    public static LoadedBaseImage Read(string layoutDirectory, Architecture arch, CancellationToken cancellationToken = default)
    {
        LayoutContent layout = LayoutContent.Load(layoutDirectory, null);
        IEnumerable<LayoutManifest> candidates = layout.Root.IsIndex ? layout.Manifests.Where(m => !m.IsIndex) : [layout.Root];
        var seen = new List<string>();
        foreach (LayoutManifest candidate in candidates)
        {
            JsonElement manifest = Parse(candidate.Content, $"manifest {candidate.Digest}");
            JsonElement configDescriptor = Object(manifest, "config", candidate.Digest);
            string configDigest = Text(configDescriptor, "digest") ?? "";
            byte[] configBytes = ReadBlob(layoutDirectory, configDigest, MaxConfigSize, candidate.Digest);
            JsonElement config = Parse(configBytes, $"config {configDigest}");
            string platform = $"{Text(config, "architecture")}{(Text(config, "variant") is { } v ? "/" + v : "")}";
            seen.Add(platform);
            if (Text(config, "architecture") != arch.OciArchitecture
                || (arch.OciVariant is { } wanted && Text(config, "variant") is { } variant && variant != wanted))
            {
                continue;
            }
            return Build(layoutDirectory, layoutDirectory, candidate.Digest, manifest, config, cancellationToken);
        }
        throw new ImageDslException(ErrorKind.Configuration,
            $"the base image {layoutDirectory} has no image for {arch} (it has: {(seen.Count == 0 ? "none" : string.Join(", ", seen.Distinct()))})",
            "Build only the architectures the base image has (`archs:` or --arch), or use a base image built for them.");
    }

    /// <summary>
    /// Reads the image manifest <paramref name="manifestDigest"/> (already chosen for <paramref name="arch"/>)
    /// from a folder whose `blobs/sha256/` holds it, its config and its layers (a pulled base image's cache),
    /// verifying each against its digest. <paramref name="location"/> names the image in messages.
    /// </summary>
    /// <exception cref="ImageDslException">Exit 2 when the config is for another architecture; exit 5 when a blob does not match its digest.</exception>
    public static LoadedBaseImage ReadManifest(string layoutDirectory, string manifestDigest, string location, Architecture arch, CancellationToken cancellationToken = default)
    {
        JsonElement manifest = Parse(ReadBlob(layoutDirectory, manifestDigest, MaxConfigSize, location), $"manifest {manifestDigest}");
        JsonElement configDescriptor = Object(manifest, "config", manifestDigest);
        string configDigest = Text(configDescriptor, "digest") ?? "";
        JsonElement config = Parse(ReadBlob(layoutDirectory, configDigest, MaxConfigSize, manifestDigest), $"config {configDigest}");
        if (Text(config, "architecture") != arch.OciArchitecture)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"the base image {location} has no image for {arch} (its manifest {Digests.Short(manifestDigest)} is for '{Text(config, "architecture")}')",
                "Build only the architectures the base image has (`archs:` or --arch), or use a base image built for them.");
        }
        return Build(layoutDirectory, location, manifestDigest, manifest, config, cancellationToken);
    }

    private static LoadedBaseImage Build(string layoutDirectory, string location, string manifestDigest, JsonElement manifest, JsonElement config, CancellationToken cancellationToken)
    {
        JsonElement rootfs = Object(config, "rootfs", manifestDigest);
        string[] diffIds = Array(rootfs, "diff_ids").Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "").ToArray();
        JsonElement[] layerDescriptors = Array(manifest, "layers").ToArray();
        if (diffIds.Length != layerDescriptors.Length)
        {
            throw Corrupt($"manifest {manifestDigest} lists {layerDescriptors.Length} layers but its config {diffIds.Length} diff_ids");
        }
        var layers = new List<BaseLayer>();
        string database = "";
        string passwd = "";
        string group = "";
        for (int i = 0; i < layerDescriptors.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string digest = Text(layerDescriptors[i], "digest") ?? "";
            string mediaType = Text(layerDescriptors[i], "mediaType") ?? OciMediaTypes.GzipLayer;
            string path = BlobPath(layoutDirectory, digest, manifestDigest);
            BaseLayerScan scan;
            try
            {
                scan = BaseLayerScan.Read(path, mediaType, cancellationToken);
            }
            catch (ImageDslException) when (FileDigest(path) != digest)
            {
                // The scan hashes as it unpacks, so a damaged blob can fail to unpack first: the digest is the real fault.
                throw DigestMismatch(path, digest);
            }
            if (scan.Digest != digest)
            {
                throw DigestMismatch(path, digest);
            }
            if (scan.DiffId != diffIds[i])
            {
                throw new ImageDslException(ErrorKind.Integrity,
                    $"base layer {digest} unpacks to {scan.DiffId}, but the config's diff_id {i} is {diffIds[i]}",
                    "The base image layout is corrupt; copy or build it again.");
            }
            layers.Add(new BaseLayer(new LayerBlob(digest, scan.Size, scan.DiffId, scan.UncompressedSize) { MediaType = mediaType }, path));
            database = scan.InstalledDatabase ?? database;
            passwd = scan.Passwd ?? passwd;
            group = scan.Group ?? group;
        }
        return new LoadedBaseImage(location, manifestDigest, layers, RuntimeConfig(config), History(config), database) { Passwd = passwd, Group = group };
    }

    private static ImageDslException DigestMismatch(string path, string digest) =>
        new(ErrorKind.Integrity, $"base layer {path} does not match its digest {digest}", "The base image layout is corrupt; copy or build it again.");

    private static string FileDigest(string path)
    {
        using FileStream file = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
    }

    private static BaseImageConfig RuntimeConfig(JsonElement config)
    {
        if (Property(config, "config") is not { ValueKind: JsonValueKind.Object } c)
        {
            return new BaseImageConfig();
        }
        return new BaseImageConfig
        {
            Env = Strings(c, "Env"),
            Entrypoint = Strings(c, "Entrypoint"),
            Cmd = Strings(c, "Cmd"),
            User = Text(c, "User"),
            WorkingDir = Text(c, "WorkingDir"),
            StopSignal = Text(c, "StopSignal"),
            Labels = Property(c, "Labels") is { ValueKind: JsonValueKind.Object } labels
                ? labels.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            Volumes = Property(c, "Volumes") is { ValueKind: JsonValueKind.Object } volumes
                ? volumes.EnumerateObject().Select(p => p.Name).ToList()
                : [],
        };
    }

    private static List<BaseHistory> History(JsonElement config) =>
        Array(config, "history").Select(h => new BaseHistory(Text(h, "author"), Text(h, "created"), Text(h, "created_by"), Text(h, "comment"),
            Property(h, "empty_layer") is { ValueKind: JsonValueKind.True })).ToList();

    private static byte[] ReadBlob(string layoutDirectory, string digest, long limit, string referrer)
    {
        string path = BlobPath(layoutDirectory, digest, referrer);
        if (new FileInfo(path).Length > limit)
        {
            throw Corrupt($"{path} is larger than {limit} bytes, too large for a config");
        }
        byte[] bytes = File.ReadAllBytes(path);
        if ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)) != digest)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{path} does not match its digest {digest}",
                "The base image layout is corrupt; copy or build it again.");
        }
        return bytes;
    }

    private static string BlobPath(string layoutDirectory, string digest, string referrer)
    {
        if (!Digests.IsValid(digest))
        {
            throw Corrupt($"{referrer} names a blob '{digest}' that is not sha256:<64 hex>");
        }
        string path = Path.Combine(layoutDirectory, "blobs", "sha256", Digests.Hex(digest));
        return File.Exists(path) ? path : throw Corrupt($"the base image has no blob {digest} (named by {referrer})");
    }

    private static JsonElement Parse(byte[] bytes, string what)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw Corrupt($"{what} is not a JSON object");
        }
        catch (JsonException error)
        {
            throw Corrupt($"{what} is not valid JSON: {error.Message}");
        }
    }

    private static JsonElement? Property(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) ? value : null;

    private static JsonElement Object(JsonElement json, string name, string where) =>
        Property(json, name) is { ValueKind: JsonValueKind.Object } value ? value : throw Corrupt($"{where} has no '{name}' object");

    private static IEnumerable<JsonElement> Array(JsonElement json, string name) =>
        Property(json, name) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [];

    private static string? Text(JsonElement json, string name) =>
        Property(json, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static List<string> Strings(JsonElement json, string name) =>
        Array(json, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString() ?? "").ToList();

    private static ImageDslException Corrupt(string message) =>
        new(ErrorKind.Integrity, $"base image: {message}", "The base image layout is not a valid OCI image layout; copy or build it again.");
}
