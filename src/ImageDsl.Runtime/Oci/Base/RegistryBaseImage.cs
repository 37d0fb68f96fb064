using System.Text.Json;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Oci.Base;

/// <summary>
/// `contents.baseimage.ref`: resolves a registry reference to a digest (checked against a lock's pin),
/// picks each architecture's manifest from an index, downloads what the cache lacks (with
/// <see cref="RegistryClient"/>: the same credentials and rules as `publish`, every blob verified) into
/// `&lt;cache&gt;/base-images/blobs`, and reads the images from there with <see cref="BaseImageReader"/>,
/// which verifies every blob again. Offline, only a digest (the reference's or the lock's) can be
/// used, and everything must be in the cache.
/// </summary>
public static class RegistryBaseImage
{
    /// <summary>The folder (an OCI-layout-like `blobs/sha256/`) pulled base images are cached in.</summary>
    public static string CacheFolder(string cacheDirectory) => Path.Combine(cacheDirectory, "base-images");

    /// <summary>Parses <paramref name="text"/> as `contents.baseimage.ref`.</summary>
    /// <exception cref="ImageDslException">Exit 2 with advice when it is not a registry reference.</exception>
    public static ImageReference ParseReference(string text)
    {
        if (ImageReference.TryParse(text, out ImageReference? reference, out string? error))
        {
            return reference;
        }
        throw new ImageDslException(ErrorKind.Configuration, $"contents.baseimage.ref '{text}' is not an image reference: {error}",
            "Write it as host[:port]/repository[:tag][@sha256:<64 hex>], e.g. 127.0.0.1:5000/base:1 or ghcr.io/acme/base@sha256:…; an OCI layout folder goes in `image:` instead.");
    }

    /// <summary>Pulls (or takes from the cache) the image <paramref name="text"/> names, for every arch in <paramref name="archs"/>.</summary>
    public static async Task<PulledBaseImage> PullAsync(string text, IReadOnlyList<Architecture> archs, BaseImagePullOptions options,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archs);
        ArgumentNullException.ThrowIfNull(options);
        ImageReference reference = ParseReference(text);
        string shown = reference.ToString();
        if (reference.Digest is { } named && options.PinnedDigest is { } pinned && pinned != named)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"contents.baseimage.ref names {named}, but the lock file pins {pinned}",
                "Run `dotnet image lock` again for this configuration.");
        }
        string folder = CacheFolder(options.CacheDirectory);
        var cache = new BlobStore(Path.Combine(folder, "blobs"));
        using RegistryClient? client = options.Offline ? null : new RegistryClient(reference.Registry, options.Registry);
        var pull = new Pull(reference, shown, cache, client, options, log);

        string? expected = reference.Digest ?? options.PinnedDigest;
        (string rootDigest, byte[] root) = await pull.RootAsync(expected, cancellationToken);
        var images = new Dictionary<Architecture, LoadedBaseImage>();
        foreach (Architecture arch in archs)
        {
            string manifestDigest = IndexPlatforms.IsIndex(root) ? IndexPlatforms.Choose(root, rootDigest, arch, shown) : rootDigest;
            byte[] manifest = manifestDigest == rootDigest ? root : await pull.ManifestAsync(manifestDigest, cancellationToken);
            foreach ((string digest, long size, string what) in Blobs(manifest, manifestDigest, options.MaxLayerSize))
            {
                await pull.BlobAsync(digest, size, what, cancellationToken);
            }
            images[arch] = BaseImageReader.ReadManifest(folder, manifestDigest, shown, arch, cancellationToken);
        }
        return new PulledBaseImage(shown, rootDigest, images);
    }

    internal static JsonDocument ParseJson(byte[] content, string what)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            throw Corrupt($"{what} is not a JSON object");
        }
        catch (JsonException error)
        {
            throw Corrupt($"{what} is not valid JSON: {error.Message}");
        }
    }

    /// <summary>The config and layers a manifest names, with sizes checked before anything is downloaded.</summary>
    private static IEnumerable<(string Digest, long Size, string What)> Blobs(byte[] manifest, string manifestDigest, long maxLayerSize)
    {
        var blobs = new List<(string, long, string)>();
        using JsonDocument document = ParseJson(manifest, $"manifest {manifestDigest}");
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("config", out JsonElement config) || config.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt($"manifest {manifestDigest} has no config");
        }
        blobs.Add(Descriptor(config, manifestDigest, "config", BaseImageReader.MaxConfigSize));
        if (root.TryGetProperty("layers", out JsonElement layers) && layers.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement layer in layers.EnumerateArray())
            {
                blobs.Add(Descriptor(layer, manifestDigest, $"layer {i++}", maxLayerSize));
            }
        }
        return blobs;
    }

    private static (string, long, string) Descriptor(JsonElement descriptor, string manifestDigest, string what, long limit)
    {
        string digest = descriptor.ValueKind == JsonValueKind.Object ? Text(descriptor, "digest") ?? "" : "";
        if (!Digests.IsValid(digest))
        {
            throw Corrupt($"manifest {manifestDigest}: the {what} digest '{digest}' is not sha256:<64 hex>");
        }
        long size = descriptor.TryGetProperty("size", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out long n) ? n : -1;
        if (size < 0 || size > limit)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"manifest {manifestDigest}: the {what} ({digest}) has size {size}, outside 0..{limit} bytes; nothing was downloaded",
                "The base image is not plausible; check the reference.");
        }
        return (digest, size, what);
    }

    internal static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static ImageDslException Corrupt(string message) =>
        new(ErrorKind.Integrity, message, "The base image in the registry is malformed; use another one.");

    /// <summary>One pull: the cache, the client (null offline) and the messages.</summary>
    private sealed class Pull(ImageReference reference, string shown, BlobStore cache, RegistryClient? client, BaseImagePullOptions options, Action<string>? log)
    {
        private string OfflineHint => $"Run once without --offline (same --cache-dir: {options.CacheDirectory}) to fill the cache.";

        /// <summary>The reference's index or manifest: <paramref name="expected"/> when known (from the cache if there), else what the tag names now.</summary>
        public async Task<(string Digest, byte[] Content)> RootAsync(string? expected, CancellationToken cancellationToken)
        {
            if (client is null)
            {
                if (expected is null)
                {
                    throw new ImageDslException(ErrorKind.Network,
                        $"--offline: the base image {shown} is named by a tag, which cannot be resolved without the registry",
                        "Lock it first (`dotnet image lock` pins its digest, and a locked build can run offline) or name it by digest (…@sha256:…).");
                }
                return (expected, await ManifestAsync(expected, cancellationToken));
            }
            if (reference.Digest is null)
            {
                // A tag is always asked: a locked build must notice that the tag was moved.
                RegistryManifest current;
                try
                {
                    current = await client.GetManifestAsync(reference.Repository, reference.Tag!, cancellationToken);
                }
                catch (ImageDslException error) when (error.Kind == ErrorKind.Network && expected is not null)
                {
                    throw new ImageDslException(error.Kind, error.Message,
                        $"{error.Hint} The lock pins {expected}: if the base image is in the cache, build with --offline to use it without asking the registry.", error);
                }
                if (expected is not null && current.Digest != expected)
                {
                    throw new ImageDslException(ErrorKind.Integrity,
                        $"the base image {shown} is now {current.Digest}, but the lock file pins {expected}",
                        "The tag was moved to another image since the lock was made. Run `dotnet image lock` to build on the new image, or name the base by digest.");
                }
                Store(current.Content, current.Digest);
                log?.Invoke($"base image {shown} is {current.Digest}");
                return (current.Digest, current.Content);
            }
            return (reference.Digest, await ManifestAsync(reference.Digest, cancellationToken));
        }

        /// <summary>A manifest by digest: the cache's copy when it is intact, else downloaded (and checked).</summary>
        public async Task<byte[]> ManifestAsync(string digest, CancellationToken cancellationToken)
        {
            if (Cached(digest) is { } path)
            {
                return File.ReadAllBytes(path);
            }
            if (client is null)
            {
                throw new ImageDslException(ErrorKind.Network, $"--offline: manifest {digest} of the base image {shown} is not in the cache", OfflineHint);
            }
            RegistryManifest manifest = await client.GetManifestAsync(reference.Repository, digest, cancellationToken);
            Store(manifest.Content, manifest.Digest);
            return manifest.Content;
        }

        /// <summary>A config or layer: kept when the cache's copy is intact, else downloaded to a temporary file, verified and committed.</summary>
        public async Task BlobAsync(string digest, long size, string what, CancellationToken cancellationToken)
        {
            if (Cached(digest) is not null)
            {
                return;
            }
            if (client is null)
            {
                throw new ImageDslException(ErrorKind.Network, $"--offline: the {what} ({digest}) of the base image {shown} is not in the cache", OfflineHint);
            }
            string temporary = cache.NewTemporaryPath();
            try
            {
                log?.Invoke($"pulling {what} {Digests.Short(digest)} ({size} bytes) of {shown}");
                await client.DownloadBlobAsync(reference.Repository, digest, size, temporary, cancellationToken);
                cache.Commit(temporary, digest);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        /// <summary>The cached file of <paramref name="digest"/> when its bytes still have that digest; a damaged one is removed.</summary>
        private string? Cached(string digest)
        {
            string path = cache.PathFor(digest);
            if (!File.Exists(path))
            {
                return null;
            }
            string actual;
            using (FileStream file = File.OpenRead(path))
            {
                actual = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
            }
            if (actual == digest)
            {
                return path;
            }
            log?.Invoke($"cached blob {digest} of {shown} is damaged (its bytes are {actual}); removing it");
            File.Delete(path);
            return null;
        }

        private void Store(byte[] content, string digest)
        {
            if (Cached(digest) is null)
            {
                string temporary = cache.NewTemporaryPath();
                File.WriteAllBytes(temporary, content);
                cache.Commit(temporary, digest);
            }
        }
    }
}
