using System.Security.Cryptography;

namespace ImageDsl.Assembling.FileSystem;

/// <summary>
/// The bytes of a regular file: held in memory, or opened on demand from a lazy source so a large
/// package file need not be kept in memory. Immutable; several nodes may share one content.
/// </summary>
public abstract class FileContent
{
    /// <summary>The number of bytes.</summary>
    public abstract long Size { get; }

    /// <summary>The SHA-1 of the bytes if known (used for conflict checks), else null.</summary>
    public abstract byte[]? Sha1 { get; }

    /// <summary>Opens the bytes for reading; the caller disposes the stream.</summary>
    public abstract Stream OpenRead();

    /// <summary>
    /// A name for exactly these bytes that is known without reading them, or null: a package file is
    /// named by its package's data hash (SHA-256) and its place in the data tar, so a layer's
    /// fingerprint (the layer cache's key) needs no pass over the file bodies.
    /// </summary>
    internal string? Identity { get; private init; }

    /// <summary>The same bytes, named by <paramref name="identity"/> (see <see cref="Identity"/>).</summary>
    internal FileContent WithIdentity(string identity) => this switch
    {
        BytesContent bytes => new BytesContent(bytes.Data) { Identity = identity },
        LazyContent lazy => new LazyContent(lazy.Size, lazy.Open, lazy.Sha1) { Identity = identity },
        _ => this,
    };

    /// <summary>An empty file.</summary>
    public static FileContent Empty { get; } = new BytesContent([]);

    /// <summary>Content held in memory. The array must not be changed afterwards.</summary>
    public static FileContent FromBytes(byte[] data) => new BytesContent(data ?? throw new ArgumentNullException(nameof(data)));

    /// <summary>Content held in memory, from UTF-8 text.</summary>
    public static FileContent FromText(string text) => new BytesContent(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Content opened on demand. <paramref name="open"/> must yield exactly <paramref name="size"/>
    /// bytes each time it is called (writers check this).
    /// </summary>
    public static FileContent FromSource(long size, Func<Stream> open, byte[]? sha1 = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(open);
        return new LazyContent(size, open, sha1);
    }

    /// <summary>Reads every byte into memory.</summary>
    public byte[] ReadAllBytes()
    {
        using Stream stream = OpenRead();
        using var buffer = new MemoryStream(checked((int)Size));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The SHA-1 of the bytes: the known one, or computed by reading the content.</summary>
    public byte[] ComputeSha1()
    {
        if (Sha1 is { } known)
        {
            return known;
        }
        using Stream stream = OpenRead();
        return SHA1.HashData(stream);
    }

    private sealed class BytesContent(byte[] data) : FileContent
    {
        private byte[]? _sha1;

        public byte[] Data => data;

        public override long Size => data.LongLength;

        public override byte[] Sha1 => _sha1 ??= SHA1.HashData(data);

        public override Stream OpenRead() => new MemoryStream(data, writable: false);
    }

    private sealed class LazyContent(long size, Func<Stream> open, byte[]? sha1) : FileContent
    {
        public Func<Stream> Open => open;

        public override long Size => size;

        public override byte[]? Sha1 => sha1;

        public override Stream OpenRead() => open();
    }
}
