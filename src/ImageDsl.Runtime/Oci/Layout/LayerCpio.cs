using System.Formats.Tar;
using System.IO.Compression;

namespace ImageDsl.Oci;

/// <summary>
/// apko's `build-cpio`: the image's layers turned into one newc cpio (an initramfs). Unlike apko, which
/// writes every entry as 0:0 and drops hard links, entries keep the layer's owners, and hard links stay
/// hard links (the data once, with the first name, as the kernel's unpacker expects).
/// </summary>
internal static class LayerCpio
{
    private const uint Directory = 0x4000;
    private const uint Regular = 0x8000;
    private const uint Symlink = 0xA000;
    private const uint CharacterDevice = 0x2000;
    private const uint BlockDevice = 0x6000;
    private const uint Fifo = 0x1000;

    public static void Write(BlobStore store, IReadOnlyList<LayerBlob> layers, Stream output, CancellationToken cancellationToken)
    {
        // First pass: which files are hard-link targets, and how many names each has.
        var links = new Dictionary<string, uint>(StringComparer.Ordinal);
        ForEachEntry(store, layers, cancellationToken, (entry, name) =>
        {
            if (entry.EntryType == TarEntryType.HardLink)
            {
                string target = Normalize(entry.LinkName);
                links[target] = links.GetValueOrDefault(target, 1u) + 1;
            }
        });

        var writer = new NewcCpioWriter(output);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var inodes = new Dictionary<string, uint>(StringComparer.Ordinal);
        uint nextInode = 1;
        ForEachEntry(store, layers, cancellationToken, (entry, name) =>
        {
            if (!written.Add(name))
            {
                return; // a later layer repeating a path: the first one stays, as in one filesystem
            }
            uint permissions = (uint)entry.Mode & 0xFFF;
            var header = new CpioEntry(name, permissions, (uint)entry.Uid, (uint)entry.Gid, entry.ModificationTime.ToUnixTimeSeconds())
            {
                Inode = nextInode++,
            };
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    writer.Write(header with { Mode = permissions | Directory, Links = 2 });
                    break;
                case TarEntryType.SymbolicLink:
                    byte[] target = System.Text.Encoding.UTF8.GetBytes(entry.LinkName);
                    writer.Write(header with { Mode = permissions | Symlink, Size = target.Length }, new MemoryStream(target));
                    break;
                case TarEntryType.HardLink:
                    string first = Normalize(entry.LinkName);
                    writer.Write(header with
                    {
                        Mode = permissions | Regular,
                        Inode = inodes.TryGetValue(first, out uint shared) ? shared : throw new InvalidDataException($"{name} links to {first}, which comes later"),
                        Links = links[first],
                    });
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                    writer.Write(header with
                    {
                        Mode = permissions | (entry.EntryType == TarEntryType.CharacterDevice ? CharacterDevice : BlockDevice),
                        DeviceMajor = (uint)((PosixTarEntry)entry).DeviceMajor,
                        DeviceMinor = (uint)((PosixTarEntry)entry).DeviceMinor,
                    });
                    break;
                case TarEntryType.Fifo:
                    writer.Write(header with { Mode = permissions | Fifo });
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    inodes[name] = header.Inode;
                    writer.Write(header with { Mode = permissions | Regular, Size = entry.Length, Links = links.GetValueOrDefault(name, 1u) },
                        entry.DataStream ?? Stream.Null);
                    break;
                default:
                    throw new InvalidDataException($"layer entry {name} has type {entry.EntryType}, which a cpio cannot hold");
            }
        });
        writer.Finish();
    }

    private static void ForEachEntry(BlobStore store, IReadOnlyList<LayerBlob> layers, CancellationToken cancellationToken, Action<TarEntry, string> visit)
    {
        foreach (LayerBlob layer in layers)
        {
            using Stream blob = store.OpenRead(layer.Digest);
            using var gzip = new GZipStream(blob, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = Normalize(entry.Name);
                if (name.Length > 0)
                {
                    visit(entry, name);
                }
            }
        }
    }

    private static string Normalize(string name)
    {
        string trimmed = name.Trim('/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..].TrimStart('/');
        }
        return trimmed == "." ? "" : trimmed;
    }
}
