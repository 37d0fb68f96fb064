using System.Security.Cryptography;
using ImageDsl.Errors;

namespace ImageDsl.Oci;

/// <summary>
/// A folder of content-addressed blobs (`&lt;dir&gt;/sha256/&lt;hex&gt;`): where layers, configs,
/// manifests and indexes are staged before a layout or tar is written from them. Every blob is
/// written to a temporary name and renamed, so the store never holds a partial blob.
/// </summary>
public sealed class BlobStore
{
    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public BlobStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "sha256"));
    }

    /// <summary>The store's folder.</summary>
    public string Directory { get; }

    /// <summary>The file of a blob, by `sha256:&lt;hex&gt;` digest.</summary>
    public string PathFor(string digest)
    {
        const string prefix = "sha256:";
        if (!digest.StartsWith(prefix, StringComparison.Ordinal) || digest.Length != prefix.Length + 64
            || digest.AsSpan(prefix.Length).ContainsAnyExcept("0123456789abcdef"))
        {
            throw new ImageDslException(ErrorKind.Integrity, $"'{digest}' is not a sha256 digest");
        }
        return Path.Combine(Directory, "sha256", digest[prefix.Length..]);
    }

    /// <summary>True when the blob is stored.</summary>
    public bool Contains(string digest) => File.Exists(PathFor(digest));

    /// <summary>Stores <paramref name="content"/> and returns its descriptor.</summary>
    public OciDescriptor Add(string mediaType, byte[] content)
    {
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (!Contains(digest))
        {
            string temp = NewTemporaryPath();
            File.WriteAllBytes(temp, content);
            Commit(temp, digest);
        }
        return new OciDescriptor(mediaType, digest, content.LongLength);
    }

    /// <summary>The bytes of a stored blob.</summary>
    public byte[] Read(string digest) => File.ReadAllBytes(PathFor(digest));

    /// <summary>Opens a stored blob for reading.</summary>
    public FileStream OpenRead(string digest) => File.OpenRead(PathFor(digest));

    internal string NewTemporaryPath() => Path.Combine(Directory, $".tmp-{Guid.NewGuid():N}");

    /// <summary>Renames a finished temporary file to its digest's name (dropping it if the blob exists).</summary>
    internal void Commit(string temporaryPath, string digest)
    {
        string final = PathFor(digest);
        if (File.Exists(final))
        {
            File.Delete(temporaryPath);
            return;
        }
        File.Move(temporaryPath, final, overwrite: true);
    }
}
