using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Oci;

/// <summary>
/// Writes a <see cref="FileTree"/> as a deterministic gzip tar layer. The tar bytes depend only on
/// the tree: sorted walk, no host uid/gid/names/pid/clock, names without a leading '/' and
/// directories without a trailing '/', owner names from the image's own passwd/group, hard links as
/// tar links to the first name written, devices with major/minor, xattrs as `SCHILY.xattr.*`.
/// The tar is compressed in fixed-size chunks on every core (<see cref="ChunkedCompressionStream"/>),
/// gzip by default; diff_id and digest are hashed while writing.
/// </summary>
public static class LayerWriter
{
    /// <summary>
    /// Writes the whole tree as one layer blob into <paramref name="store"/> (streamed to a temporary
    /// file, then renamed to its digest). This is the benchmark entry point.
    /// </summary>
    public static LayerBlob Write(FileTree tree, BlobStore store, CancellationToken cancellationToken = default) =>
        Write(tree, store, LayerCompression.Gzip, null, cancellationToken);

    /// <summary>
    /// Writes the whole tree as one layer blob compressed as <paramref name="compression"/> says,
    /// reusing <paramref name="cache"/> (when given) for a layer it already holds.
    /// </summary>
    public static LayerBlob Write(FileTree tree, BlobStore store, LayerCompression compression, LayerCache? cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return WriteEntries(tree, tree.Walk().Select(e => new LayerEntry(e.Path, e.Node)).ToList(), store, compression, cache, cancellationToken);
    }

    /// <summary>
    /// Compresses an uncompressed tar stream into <paramref name="output"/> (the benchmark and test
    /// entry point for the compression alone).
    /// </summary>
    public static void Compress(Stream tar, Stream output, LayerCompression compression)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(compression);
        using var compressed = new ChunkedCompressionStream(output, compression.CreateCodec());
        tar.CopyTo(compressed, 1 << 20);
        compressed.Finish();
    }

    /// <summary>Writes the whole tree as an uncompressed tar to <paramref name="output"/>.</summary>
    public static void WriteTar(FileTree tree, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        WriteTarEntries(tree, tree.Walk().Select(e => new LayerEntry(e.Path, e.Node)), output, cancellationToken);
    }

    internal static LayerBlob WriteEntries(
        FileTree tree, IReadOnlyList<LayerEntry> entries, BlobStore store, LayerCompression compression, LayerCache? cache, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return WriteEntries(tree, entries, store, compression, cancellationToken);
        }
        // The layer's fingerprint (its headers and what names each file's bytes) finds the diff_id of a
        // layer built before without a pass over the bodies; only a layer the cache lacks is written
        // and compressed, in one pass, and then kept with its fingerprint for the next build.
        string fingerprint = LayerFingerprint.Compute(tree, entries, cancellationToken);
        if (cache.TryFindLayer(fingerprint) is { } known
            && cache.TryGet(known.DiffId, known.UncompressedSize, compression, store) is { } cached)
        {
            return cached;
        }
        LayerBlob written = WriteEntries(tree, entries, store, compression, cancellationToken);
        cache.Put(written, compression, store);
        cache.RecordLayer(fingerprint, written);
        return written;
    }

    internal static LayerBlob WriteEntries(
        FileTree tree, IEnumerable<LayerEntry> entries, BlobStore store, LayerCompression compression, CancellationToken cancellationToken)
    {
        string temporary = store.NewTemporaryPath();
        try
        {
            string diffId;
            long uncompressed;
            string digest;
            long size;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var compressedHash = new HashingStream(file, leaveOpen: true))
            {
                using (var compressed = new ChunkedCompressionStream(compressedHash, compression.CreateCodec()))
                using (var tarHash = new HashingStream(compressed, leaveOpen: true))
                {
                    WriteTarEntries(tree, entries, tarHash, cancellationToken);
                    diffId = tarHash.FinishDigest();
                    uncompressed = tarHash.BytesWritten;
                    compressed.Finish();
                }
                digest = compressedHash.FinishDigest();
                size = compressedHash.BytesWritten;
            }
            store.Commit(temporary, digest);
            return new LayerBlob(digest, size, diffId, uncompressed) { MediaType = compression.MediaType };
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    internal static void WriteTarEntries(FileTree tree, IEnumerable<LayerEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        using var tar = new DeterministicTarWriter(output, leaveOpen: true);
        foreach ((TarEntryHeader header, FileContent? content) in Plan(tree, entries, cancellationToken))
        {
            if (content is null)
            {
                tar.WriteEntry(header);
                continue;
            }
            using Stream stream = content.OpenRead();
            tar.WriteEntry(header, stream);
        }
        tar.Finish();
    }

    /// <summary>
    /// The tar's entries in order, as they are written: a node with several names is written once and
    /// then as hard links to its first name; a regular file with bytes comes with its content.
    /// </summary>
    internal static IEnumerable<(TarEntryHeader Header, FileContent? Content)> Plan(FileTree tree, IEnumerable<LayerEntry> entries, CancellationToken cancellationToken)
    {
        OwnerNames owners = OwnerNames.FromTree(tree);
        var firstNames = new Dictionary<FileNode, string>(ReferenceEqualityComparer.Instance);
        foreach (LayerEntry entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileNode node = entry.Node;
            TarEntryHeader header = Header(entry, owners);
            if (!node.IsDirectory && node.LinkCount > 1 && entry.Content is null)
            {
                if (firstNames.TryGetValue(node, out string? first))
                {
                    yield return (header with { Kind = TarEntryKind.HardLink, LinkName = first, Size = 0 }, null);
                    continue;
                }
                firstNames[node] = entry.Path;
            }
            yield return header.Kind == TarEntryKind.RegularFile && header.Size > 0
                ? (header, entry.Content ?? node.Content!)
                : (header, null);
        }
    }

    private static TarEntryHeader Header(LayerEntry entry, OwnerNames owners)
    {
        FileNode node = entry.Node;
        if (entry.Path.Length == 0 || entry.Path.StartsWith('/') || entry.Path.EndsWith('/'))
        {
            throw new ImageDslException(ErrorKind.Build, $"layer entry name '{entry.Path}' must be relative without a trailing '/'");
        }
        return new TarEntryHeader
        {
            Name = entry.Path,
            Kind = node.Type switch
            {
                FileNodeType.Directory => TarEntryKind.Directory,
                FileNodeType.RegularFile => TarEntryKind.RegularFile,
                FileNodeType.Symlink => TarEntryKind.Symlink,
                FileNodeType.CharacterDevice => TarEntryKind.CharacterDevice,
                FileNodeType.BlockDevice => TarEntryKind.BlockDevice,
                _ => TarEntryKind.Fifo,
            },
            Mode = node.Mode,
            Uid = node.Uid,
            Gid = node.Gid,
            UserName = owners.User(node.Uid),
            GroupName = owners.Group(node.Gid),
            Size = node.Type == FileNodeType.RegularFile ? (entry.Content ?? node.Content)?.Size ?? 0 : 0,
            ModificationTime = TarTime.Seconds(entry.ModificationTime ?? node.ModificationTime),
            LinkName = node.LinkTarget ?? "",
            DeviceMajor = node.DeviceMajor,
            DeviceMinor = node.DeviceMinor,
            ExtendedAttributes = node.ExtendedAttributes.Count > 0 ? node.ExtendedAttributes : null,
        };
    }
}
