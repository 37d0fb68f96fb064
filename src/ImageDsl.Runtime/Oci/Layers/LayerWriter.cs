using System.IO.Compression;
using ImageDsl.Assembly.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Oci;

/// <summary>
/// Writes a <see cref="FileTree"/> as a deterministic gzip tar layer. The tar bytes depend only on
/// the tree: sorted walk, no host uid/gid/names/pid/clock, names without a leading '/' and
/// directories without a trailing '/', owner names from the image's own passwd/group, hard links as
/// tar links to the first name written, devices with major/minor, xattrs as `SCHILY.xattr.*`.
/// gzip uses <see cref="GZipStream"/> at a fixed level; diff_id and digest are hashed while writing.
/// </summary>
public static class LayerWriter
{
    /// <summary>The gzip level every layer is written with (fixed: it decides the digest).</summary>
    public const CompressionLevel Compression = CompressionLevel.Optimal;

    /// <summary>
    /// Writes the whole tree as one layer blob into <paramref name="store"/> (streamed to a temporary
    /// file, then renamed to its digest). This is the benchmark entry point.
    /// </summary>
    public static LayerBlob Write(FileTree tree, BlobStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return WriteEntries(tree, tree.Walk().Select(e => new LayerEntry(e.Path, e.Node)), store, cancellationToken);
    }

    /// <summary>Writes the whole tree as an uncompressed tar to <paramref name="output"/>.</summary>
    public static void WriteTar(FileTree tree, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        WriteTarEntries(tree, tree.Walk().Select(e => new LayerEntry(e.Path, e.Node)), output, cancellationToken);
    }

    internal static LayerBlob WriteEntries(FileTree tree, IEnumerable<LayerEntry> entries, BlobStore store, CancellationToken cancellationToken)
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
                using (var gzip = new GZipStream(compressedHash, Compression, leaveOpen: true))
                using (var tarHash = new HashingStream(gzip, leaveOpen: true))
                {
                    WriteTarEntries(tree, entries, tarHash, cancellationToken);
                    diffId = tarHash.FinishDigest();
                    uncompressed = tarHash.BytesWritten;
                }
                digest = compressedHash.FinishDigest();
                size = compressedHash.BytesWritten;
            }
            store.Commit(temporary, digest);
            return new LayerBlob(digest, size, diffId, uncompressed);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    internal static void WriteTarEntries(FileTree tree, IEnumerable<LayerEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        OwnerNames owners = OwnerNames.FromTree(tree);
        var firstNames = new Dictionary<FileNode, string>(ReferenceEqualityComparer.Instance);
        using var tar = new DeterministicTarWriter(output, leaveOpen: true);
        foreach (LayerEntry entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileNode node = entry.Node;
            TarEntryHeader header = Header(entry, owners);
            if (!node.IsDirectory && node.LinkCount > 1 && entry.Content is null)
            {
                if (firstNames.TryGetValue(node, out string? first))
                {
                    tar.WriteEntry(header with { Kind = TarEntryKind.HardLink, LinkName = first, Size = 0 });
                    continue;
                }
                firstNames[node] = entry.Path;
            }
            if (header.Kind == TarEntryKind.RegularFile && header.Size > 0)
            {
                FileContent content = entry.Content ?? node.Content!;
                using Stream stream = content.OpenRead();
                tar.WriteEntry(header, stream);
            }
            else
            {
                tar.WriteEntry(header);
            }
        }
        tar.Finish();
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
