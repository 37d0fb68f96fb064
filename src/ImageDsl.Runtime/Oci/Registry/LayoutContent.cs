using System.Text.Json;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>A blob of the layout: its digest, size, media type and file.</summary>
internal sealed record LayoutBlob(string Digest, long Size, string MediaType, string Path);

/// <summary>A manifest or index of the layout, with its exact bytes and what it points to.</summary>
internal sealed record LayoutManifest(string Digest, string MediaType, byte[] Content, string? Platform, bool IsIndex);

/// <summary>
/// What one image in an OCI layout consists of: the root (an index or a single manifest), every
/// manifest below it (children before parents) and every blob, read and checked before anything is
/// sent. Manifests are small and read whole (their digests are verified); layers are only checked for
/// presence and size, and are streamed from disk later.
/// </summary>
internal sealed class LayoutContent
{
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
    private const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>The folder holding `sha256/&lt;hex&gt;` blob files: a layout's `blobs/`, or a build's blob store.</summary>
    private readonly string blobsDirectory;
    private readonly List<LayoutManifest> manifests = [];
    private readonly Dictionary<string, LayoutBlob> blobs = [];
    private readonly HashSet<string> visited = [];

    private LayoutContent(string blobsDirectory)
    {
        this.blobsDirectory = blobsDirectory;
    }

    /// <summary>The index or manifest the tags will point to.</summary>
    public LayoutManifest Root { get; private set; } = null!;

    /// <summary>Manifests below the root, children before parents, each once.</summary>
    public IReadOnlyList<LayoutManifest> Manifests => manifests;

    /// <summary>Config and layer blobs, each once.</summary>
    public IReadOnlyCollection<LayoutBlob> Blobs => blobs.Values;

    /// <summary>The root's direct children that are image manifests (the per-platform images).</summary>
    public IReadOnlyList<LayoutManifest> PlatformManifests { get; private set; } = [];

    public static LayoutContent Load(string layoutDirectory, string? entry)
    {
        string directory = Path.GetFullPath(layoutDirectory);
        if (!File.Exists(Path.Combine(directory, "oci-layout")) || !File.Exists(Path.Combine(directory, "index.json")))
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"{layoutDirectory} is not an OCI image layout (it needs oci-layout and index.json)",
                "Give the directory an image was built into.");
        }
        var content = new LayoutContent(Path.Combine(directory, "blobs"));
        string indexPath = Path.Combine(directory, "index.json");
        byte[] indexBytes = File.ReadAllBytes(indexPath);
        JsonElement index = Parse(indexBytes, indexPath);
        if (entry is not null && Digests.IsValid(entry) && !content.Entries(index, indexPath).Any(e => Matches(e, entry)))
        {
            // A digest index.json does not list, e.g. the image index of a layout whose index.json is that
            // index with ref names added (ours): push the blob itself.
            content.Root = content.Visit(entry, null, null, "the requested digest", isRoot: true);
            return content;
        }
        if (entry is null && IsImageIndexItself(content.Entries(index, indexPath)))
        {
            // apko's layout: index.json IS the image index (several platform manifests, no index entry).
            content.Root = content.VisitContent(indexBytes, Digests.Of(indexBytes), OciIndex, null, indexPath, "index.json", isRoot: true);
            return content;
        }
        JsonElement chosen = content.ChooseEntry(index, indexPath, entry);
        (string digest, string? mediaType, _) = content.Descriptor(chosen, "index.json");
        content.Root = content.Visit(digest, mediaType, null, "index.json", isRoot: true);
        return content;
    }

    /// <summary>
    /// The image whose root index or manifest is <paramref name="rootDigest"/> in a folder of blobs named
    /// `sha256/&lt;hex&gt;` (a build's <see cref="BlobStore"/>): pushed as it was built, no layout written first.
    /// </summary>
    public static LayoutContent FromBlobs(string blobsDirectory, string rootDigest)
    {
        var content = new LayoutContent(Path.GetFullPath(blobsDirectory));
        content.Root = content.Visit(rootDigest, null, null, "the built image", isRoot: true);
        return content;
    }

    private JsonElement[] Entries(JsonElement index, string indexPath)
    {
        JsonElement[] entries = Property(index, "manifests") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().ToArray()
            : [];
        return entries.Length == 0 ? throw Invalid($"{indexPath} lists no manifests") : entries;
    }

    private static bool IsImageIndexItself(JsonElement[] entries) =>
        entries.Length > 1 && entries.All(e => MediaTypeOf(e) is OciManifest or DockerManifest && Property(e, "platform") is not null);

    private JsonElement ChooseEntry(JsonElement index, string indexPath, string? entry)
    {
        JsonElement[] entries = Entries(index, indexPath);
        if (entry is not null)
        {
            JsonElement[] matching = entries.Where(e => Matches(e, entry)).ToArray();
            return matching.Length == 1 ? matching[0] : throw new ImageDslException(ErrorKind.Configuration,
                $"{indexPath} has {(matching.Length == 0 ? "no" : matching.Length.ToString())} entry named or with digest '{entry}'",
                "Name an org.opencontainers.image.ref.name or a digest listed in index.json.");
        }
        if (entries.Length == 1)
        {
            return entries[0];
        }
        JsonElement[] indexes = entries.Where(e => MediaTypeOf(e) is OciIndex or DockerList).ToArray();
        return indexes.Length == 1 ? indexes[0] : throw new ImageDslException(ErrorKind.Configuration,
            $"{indexPath} lists {entries.Length} manifests; which one to push is ambiguous",
            "Choose one by its org.opencontainers.image.ref.name or digest (PushOptions.LayoutEntry).");
    }

    private LayoutManifest Visit(string digest, string? declaredType, string? platform, string referrer, bool isRoot)
    {
        string path = BlobPath(digest, referrer);
        byte[] bytes = File.ReadAllBytes(path);
        if (Digests.Of(bytes) != digest)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{path} does not match its digest {digest} (referenced by {referrer})",
                "The layout is corrupt; build the image again.");
        }
        return VisitContent(bytes, digest, declaredType, platform, path, referrer, isRoot);
    }

    private LayoutManifest VisitContent(byte[] bytes, string digest, string? declaredType, string? platform, string path, string referrer, bool isRoot)
    {
        JsonElement json = Parse(bytes, path);
        string? mediaType = declaredType ?? MediaTypeOf(json);
        bool isIndex = mediaType is OciIndex or DockerList || (mediaType is null && Property(json, "manifests") is not null);
        bool isManifest = mediaType is OciManifest or DockerManifest || (mediaType is null && Property(json, "config") is not null);
        if (!isIndex && !isManifest)
        {
            throw Invalid($"{path} (referenced by {referrer}) has media type '{mediaType}', which is neither an image index nor an image manifest");
        }
        var manifest = new LayoutManifest(digest, mediaType ?? (isIndex ? OciIndex : OciManifest), bytes, platform, isIndex);
        if (!visited.Add(digest))
        {
            return manifest;
        }
        string here = $"{(isIndex ? "index" : "manifest")} {digest}";
        var platforms = new List<LayoutManifest>();
        if (isIndex)
        {
            foreach (JsonElement child in Array(json, "manifests", path))
            {
                (string childDigest, string? childType, _) = Descriptor(child, path);
                LayoutManifest visitedChild = Visit(childDigest, childType, PlatformOf(child), here, isRoot: false);
                if (!visitedChild.IsIndex)
                {
                    platforms.Add(visitedChild);
                }
            }
        }
        else
        {
            if (Property(json, "config") is not { } config)
            {
                throw Invalid($"{path} is a manifest without a config");
            }
            AddBlob(config, here, path);
            foreach (JsonElement layer in Array(json, "layers", path))
            {
                AddBlob(layer, here, path);
            }
        }
        if (isRoot)
        {
            PlatformManifests = platforms;
        }
        else
        {
            manifests.Add(manifest);
        }
        return manifest;
    }

    private void AddBlob(JsonElement descriptor, string referrer, string manifestPath)
    {
        (string digest, string? mediaType, long size) = Descriptor(descriptor, manifestPath);
        if (blobs.ContainsKey(digest))
        {
            return;
        }
        string path = BlobPath(digest, referrer);
        long actual = new FileInfo(path).Length;
        if (actual != size)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"{path} is {actual} bytes, but {referrer} says {size}", "The layout is corrupt; build the image again.");
        }
        blobs[digest] = new LayoutBlob(digest, size, mediaType ?? "application/octet-stream", path);
    }

    private string BlobPath(string digest, string referrer)
    {
        string path = Path.Combine(blobsDirectory, "sha256", Digests.Hex(digest));
        if (!File.Exists(path))
        {
            throw new ImageDslException(ErrorKind.Integrity, $"the layout has no blob {digest} (referenced by {referrer}); expected {path}",
                "The layout is incomplete; build the image again.");
        }
        return path;
    }

    private (string Digest, string? MediaType, long Size) Descriptor(JsonElement descriptor, string where)
    {
        string? digest = StringProperty(descriptor, "digest");
        if (!Digests.IsValid(digest))
        {
            throw Invalid($"{where} has a descriptor whose digest '{digest}' is not sha256:<64 hex>");
        }
        long size = Property(descriptor, "size") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt64(out long value) && value >= 0
            ? value
            : throw Invalid($"{where}: the descriptor of {digest} has no valid size");
        return (digest!, MediaTypeOf(descriptor), size);
    }

    private static string? MediaTypeOf(JsonElement descriptor) => StringProperty(descriptor, "mediaType");

    private static string? PlatformOf(JsonElement descriptor)
    {
        if (Property(descriptor, "platform") is not { ValueKind: JsonValueKind.Object } p)
        {
            return null;
        }
        string os = StringProperty(p, "os") ?? "";
        string arch = StringProperty(p, "architecture") ?? "";
        string variant = StringProperty(p, "variant") is { } v ? "/" + v : "";
        return $"{os}/{arch}{variant}";
    }

    private static bool Matches(JsonElement entry, string wanted) =>
        StringProperty(entry, "digest") == wanted ||
        (Property(entry, "annotations") is { } a && StringProperty(a, "org.opencontainers.image.ref.name") == wanted);

    // Layout JSON comes from disk and may be anything: a property of a non-object, a string that is
    // not a string, or text that is not valid UTF-8 must read as "absent", not throw.
    private static JsonElement? Property(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) ? value : null;

    private static string? StringProperty(JsonElement json, string name)
    {
        if (Property(json, name) is not { ValueKind: JsonValueKind.String } value)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // invalid UTF-8 or a lone surrogate escape
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement json, string name, string path) =>
        Property(json, name) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray()
            : name == "layers" ? [] : throw Invalid($"{path} has no '{name}' array");

    private static JsonElement Parse(byte[] bytes, string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw Invalid($"{path} is not a JSON object");
        }
        catch (JsonException error)
        {
            throw Invalid($"{path} is not valid JSON: {error.Message}");
        }
    }

    private static ImageDslException Invalid(string message) =>
        new(ErrorKind.Integrity, message, "The layout is not a valid OCI image layout; build the image again.");
}
