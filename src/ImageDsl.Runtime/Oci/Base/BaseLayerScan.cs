using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Base;

/// <summary>
/// One pass over a base layer file: its digest, its diff_id (the digest of the uncompressed tar)
/// and, when the layer holds them, the apk database and `/etc/passwd` and `/etc/group` (local
/// content may be owned by the base's users). The layer itself is never rewritten.
/// </summary>
internal sealed record BaseLayerScan(string Digest, long Size, string DiffId, long UncompressedSize, string? InstalledDatabase)
{
    private const long MaxDatabaseSize = 64L << 20;

    /// <summary>Far beyond any real account file (a line per user), small enough to keep in memory.</summary>
    private const long MaxAccountFileSize = 1L << 20;

    /// <summary>The layer's `/etc/passwd`, or null when it has none.</summary>
    public string? Passwd { get; init; }

    /// <summary>The layer's `/etc/group`, or null when it has none.</summary>
    public string? Group { get; init; }

    private static readonly string[] DatabasePaths = ["usr/lib/apk/db/installed", "lib/apk/db/installed"];

    public static BaseLayerScan Read(string path, string mediaType, CancellationToken cancellationToken)
    {
        bool gzip = mediaType.EndsWith("gzip", StringComparison.Ordinal);
        if (!gzip && !mediaType.EndsWith(".tar", StringComparison.Ordinal) && !mediaType.EndsWith("diff.tar", StringComparison.Ordinal))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"base layer {path} has media type '{mediaType}', which is not read",
                "Use a base image whose layers are tar or tar+gzip (e.g. re-copy it with `skopeo copy --dest-compress-format gzip`).");
        }
        using FileStream file = File.OpenRead(path);
        using var compressed = new HashingStream(file);
        using Stream inner = gzip ? new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true) : compressed;
        using var uncompressed = new HashingStream(inner);
        string? database = null;
        string? passwd = null;
        string? group = null;
        // Removed by a whiteout in this layer: then lower layers' copies no longer count (a copy in this layer still does).
        bool databaseRemoved = false, passwdRemoved = false, groupRemoved = false;
        try
        {
            using (var tar = new TarReader(uncompressed, leaveOpen: true))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string name = entry.Name.TrimStart('.').TrimStart('/');
                    databaseRemoved |= DatabasePaths.Any(p => LayerWhiteout.Removes(name, p));
                    passwdRemoved |= LayerWhiteout.Removes(name, "etc/passwd");
                    groupRemoved |= LayerWhiteout.Removes(name, "etc/group");
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is not { } data)
                    {
                        continue;
                    }
                    if (DatabasePaths.Contains(name))
                    {
                        database = ReadBounded(entry, data, MaxDatabaseSize, path, name, "apk database");
                    }
                    else if (name == "etc/passwd")
                    {
                        passwd = ReadBounded(entry, data, MaxAccountFileSize, path, name, "account file");
                    }
                    else if (name == "etc/group")
                    {
                        group = ReadBounded(entry, data, MaxAccountFileSize, path, name, "account file");
                    }
                }
            }
            uncompressed.CopyTo(Stream.Null); // the end-of-archive blocks and any padding belong to the diff_id
            database ??= databaseRemoved ? "" : null;
            passwd ??= passwdRemoved ? "" : null;
            group ??= groupRemoved ? "" : null;
            if (gzip)
            {
                compressed.CopyTo(Stream.Null); // the gzip trailer belongs to the digest
            }
        }
        catch (Exception error) when (error is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"base layer {path} is not a valid {(gzip ? "gzip-compressed " : "")}tar: {error.Message}",
                "The base image layout is corrupt; copy or build it again.");
        }
        return new BaseLayerScan(compressed.Digest, compressed.Length, uncompressed.Digest, uncompressed.Length, database) { Passwd = passwd, Group = group };
    }

    /// <summary>The text of a layer file read only when it is within <paramref name="max"/> bytes; a larger one is refused.</summary>
    private static string ReadBounded(TarEntry entry, Stream data, long max, string path, string name, string what) =>
        entry.Length <= max
            ? ReadText(data)
            : throw new ImageDslException(ErrorKind.Integrity, $"base layer {path}: /{name} is {entry.Length} bytes, more than {max}",
                $"This is not a plausible {what}; use another base image.");

    private static string ReadText(Stream data)
    {
        using var reader = new StreamReader(data, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <summary>A read-through stream that hashes (SHA-256) and counts what passes.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long count;

        public string Digest => "sha256:" + Convert.ToHexStringLower(hash.GetCurrentHash());

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => count;

        public override long Position { get => count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int length) => Read(buffer.AsSpan(offset, length));

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            hash.AppendData(buffer[..read]);
            count += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int length) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
