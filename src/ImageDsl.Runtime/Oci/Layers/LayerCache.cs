using System.Security.Cryptography;
using ImageDsl.Errors;

namespace ImageDsl.Oci;

/// <summary>
/// Compressed layers kept between builds, keyed by what determines them (apko's compression cache):
/// the diff_id of the tar and the compression. An entry is one file,
/// <c>&lt;root&gt;/&lt;algorithm&gt;-&lt;level&gt;/&lt;diff_id hex&gt;-&lt;digest hex&gt;</c>, written to a
/// temporary name and renamed, so builds sharing the cache never see half an entry. On read the
/// blob is hashed while it is copied and must match the digest its name records; a damaged entry
/// is deleted and the layer compressed again, never used. The folders are checked as the package
/// cache checks its own: a symbolic link planted in a shared cache is refused, never followed.
/// Beside the blobs, <c>&lt;root&gt;/fingerprints/&lt;hex&gt;</c> maps a <see cref="LayerFingerprint"/> to
/// the diff_id and size of the tar it was hashed from, so a rebuild of the same tree finds its
/// layer without reading the file bodies; a record that does not parse is ignored and replaced.
/// Blob names and fingerprint records end with an HMAC-SHA256 under this user's key, kept outside the cache
/// (<see cref="ImageDsl.Apk.Repositories.LocalCacheKey"/>): the digest check catches damage, the HMAC a mapping
/// written by anyone else (a shared cache folder, a cache restored in CI), which is ignored and rewritten.
/// </summary>
public sealed class LayerCache
{
    /// <summary>
    /// Uses (and creates on demand) <paramref name="root"/>, trusting only entries MACed under <paramref name="key"/>
    /// (default: this user's key; without one, a key of this process alone, so nothing written earlier is trusted).
    /// </summary>
    public LayerCache(string root, byte[]? key = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _guardRoot = Path.GetDirectoryName(Root) ?? Root;
        _key = key ?? ImageDsl.Apk.Repositories.LocalCacheKey.Value ?? RandomNumberGenerator.GetBytes(32);
    }

    private readonly byte[] _key;

    /// <summary>The folder whose inside is checked for links: the cache folder that holds <see cref="Root"/>.</summary>
    private readonly string _guardRoot;

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>The layer cache inside a build cache folder (`--cache-dir`).</summary>
    public static LayerCache InCacheDirectory(string cacheDirectory) => new(Path.Combine(cacheDirectory, "layers"));

    /// <summary>
    /// Copies the cached blob of <paramref name="diffId"/> into <paramref name="store"/> after
    /// checking its digest; null when there is none or it is damaged (then it is removed).
    /// </summary>
    public LayerBlob? TryGet(string diffId, long uncompressedSize, LayerCompression compression, BlobStore store)
    {
        ArgumentNullException.ThrowIfNull(compression);
        ArgumentNullException.ThrowIfNull(store);
        string directory = Folder(compression);
        string prefix = Hex(diffId) + "-";
        string[] candidates;
        try
        {
            ImageDsl.Apk.Repositories.CachePathGuard.CheckNoLinks(_guardRoot, directory);
            candidates = Directory.Exists(directory) ? Directory.GetFiles(directory, prefix + "*") : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        foreach (string candidate in candidates.Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(candidate);
            string rest = name[prefix.Length..];
            string digestHex = rest.Length == 129 && rest[64] == '-' ? rest[..64] : "";
            if (!IsHex(digestHex) || rest[65..] != Mac("blob", compression.CacheName, diffId, "sha256:" + digestHex))
            {
                TryDelete(candidate); // damaged name, or filed by someone without the key: never used
                continue;
            }
            if (CopyVerified(candidate, "sha256:" + digestHex, store) is { } size)
            {
                return new LayerBlob("sha256:" + digestHex, size, diffId, uncompressedSize) { MediaType = compression.MediaType };
            }
            TryDelete(candidate);
        }
        return null;
    }

    /// <summary>Keeps a copy of <paramref name="layer"/> (already in <paramref name="store"/>); failures only cost the next build time.</summary>
    public void Put(LayerBlob layer, LayerCompression compression, BlobStore store)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(compression);
        ArgumentNullException.ThrowIfNull(store);
        string directory = Folder(compression);
        string final = Path.Combine(directory, Hex(layer.DiffId) + "-" + Hex(layer.Digest) + "-" + Mac("blob", compression.CacheName, layer.DiffId, layer.Digest));
        if (File.Exists(final))
        {
            return;
        }
        string temporary = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            ImageDsl.Apk.Repositories.CachePathGuard.EnsureDirectory(_guardRoot, directory);
            ImageDsl.Apk.Repositories.RepositoryCache.PruneStaleTemporaries(_guardRoot, directory);
            File.Copy(store.PathFor(layer.Digest), temporary);
            File.Move(temporary, final, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    /// <summary>The diff_id and tar size recorded for <paramref name="fingerprint"/>, or null.</summary>
    public (string DiffId, long UncompressedSize)? TryFindLayer(string fingerprint)
    {
        string path = Path.Combine(Root, FingerprintFolder, Hex(fingerprint));
        string text;
        try
        {
            ImageDsl.Apk.Repositories.CachePathGuard.CheckNoLinks(_guardRoot, Path.GetDirectoryName(path)!);
            if (new FileInfo(path).LinkTarget is not null)
            {
                return null; // a planted link is never followed
            }
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            byte[] buffer = new byte[MaxRecordLength + 1];
            int length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (length > MaxRecordLength)
            {
                return null;
            }
            text = System.Text.Encoding.ASCII.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageDslException)
        {
            return null;
        }
        // `sha256:<hex> <decimal size> <hmac hex>\n`, nothing else.
        string[] fields = text.EndsWith('\n') ? text[..^1].Split(' ') : [];
        return fields.Length == 3 && fields[0].StartsWith("sha256:", StringComparison.Ordinal) && IsHex(fields[0][7..])
            && fields[1].Length is > 0 and <= 19 && !fields[1].AsSpan().ContainsAnyExcept("0123456789")
            && long.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long size)
            && fields[2] == Mac("fingerprint", fingerprint, fields[0], fields[1])
            ? (fields[0], size)
            : null;
    }

    /// <summary>Records that <paramref name="fingerprint"/> is <paramref name="layer"/>'s tar; failures only cost the next build time.</summary>
    public void RecordLayer(string fingerprint, LayerBlob layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        string directory = Path.Combine(Root, FingerprintFolder);
        string final = Path.Combine(directory, Hex(fingerprint));
        string temporary = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            ImageDsl.Apk.Repositories.CachePathGuard.EnsureDirectory(_guardRoot, directory);
            ImageDsl.Apk.Repositories.RepositoryCache.PruneStaleTemporaries(_guardRoot, directory);
            string size = layer.UncompressedSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(temporary, $"{layer.DiffId} {size} {Mac("fingerprint", fingerprint, layer.DiffId, size)}\n");
            File.Move(temporary, final, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    private const string FingerprintFolder = "fingerprints";

    /// <summary>A record is `sha256:` + 64 hex, a space, at most 19 digits, a space, 64 hex and a newline.</summary>
    private const int MaxRecordLength = 7 + 64 + 1 + 19 + 1 + 64 + 1;

    /// <summary>The entry's HMAC under this cache's key (<see cref="ImageDsl.Apk.Repositories.LocalCacheKey.Mac"/>).</summary>
    private string Mac(params string[] fields) => ImageDsl.Apk.Repositories.LocalCacheKey.Mac(_key, fields);

    private string Folder(LayerCompression compression) =>
        Path.Combine(Root, compression.CacheName);

    /// <summary>Streams the entry into a store temporary while hashing it; commits only on a digest match.</summary>
    private static long? CopyVerified(string path, string digest, BlobStore store)
    {
        string temporary = store.NewTemporaryPath();
        try
        {
            using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16))
            using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hashed = new HashingStream(target, leaveOpen: true))
            {
                source.CopyTo(hashed, 1 << 20);
                if (hashed.FinishDigest() != digest)
                {
                    File.Delete(temporary);
                    return null;
                }
            }
            long size = new FileInfo(temporary).Length;
            store.Commit(temporary, digest);
            return size;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return null;
        }
    }

    private static string Hex(string digest)
    {
        const string prefix = "sha256:";
        if (!digest.StartsWith(prefix, StringComparison.Ordinal) || !IsHex(digest[prefix.Length..]))
        {
            throw new ImageDslException(ErrorKind.Integrity, $"'{digest}' is not a sha256 digest");
        }
        return digest[prefix.Length..];
    }

    private static bool IsHex(string text) => text.Length == 64 && !text.AsSpan().ContainsAnyExcept("0123456789abcdef");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another build holds or removed it; a damaged entry is skipped again next time.
        }
    }
}
