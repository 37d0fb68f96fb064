using System.Text;
using ImageDsl.Formats.Json;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Oci;

/// <summary>
/// Writes ONE tar that is both an OCI image layout archive (`oci-layout`, `index.json`,
/// `blobs/sha256/*`, for `skopeo … oci-archive:`) and a `docker load` archive (`manifest.json`
/// pointing at the same `blobs/sha256/&lt;hex&gt;` files, as Docker 25+ saves). Every entry is
/// 0:0, mtime 0, so the same image gives the same tar. Written to a temporary file, then renamed.
/// </summary>
public static class ImageTarWriter
{
    /// <summary>
    /// Writes <paramref name="index"/> to <paramref name="tarPath"/>. <paramref name="reference"/> is
    /// `repo:tag`. With one architecture docker loads it as `repo:tag`; with several, each as
    /// `repo:tag-&lt;arch&gt;&lt;variant&gt;` (apko's suffix, with the variant so arm/v6 and arm/v7 differ).
    /// </summary>
    public static void Write(string tarPath, BlobStore store, OciImageIndex index, string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        (string repository, string tag) = LayoutIndex.SplitReference(reference);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["io.containerd.image.name"] = repository + ":" + tag,
            [ImageAnnotations.RefName] = tag,
        };
        AtomicOutput.WriteFile(tarPath, stream =>
        {
            using var tar = new DeterministicTarWriter(stream, leaveOpen: true);
            WriteFile(tar, "oci-layout", Encoding.UTF8.GetBytes(LayoutIndex.LayoutFile));
            WriteFile(tar, "index.json", LayoutIndex.IndexJson(index, annotations));
            WriteFile(tar, "manifest.json", DockerManifest(index, repository, tag));
            tar.WriteEntry(Directory("blobs"));
            tar.WriteEntry(Directory("blobs/sha256"));
            foreach (string digest in LayoutIndex.Blobs(index))
            {
                using FileStream blob = store.OpenRead(digest);
                tar.WriteEntry(File("blobs/sha256/" + digest["sha256:".Length..], blob.Length), blob);
            }
            tar.Finish();
        });
    }

    /// <summary>The docker tag of one architecture's image in a multi-arch tar.</summary>
    public static string ArchitectureTag(string tag, Model.Architecture architecture) =>
        tag + "-" + architecture.OciArchitecture + (architecture.OciVariant ?? "");

    private static byte[] DockerManifest(OciImageIndex index, string repository, string tag)
    {
        var json = new GoJsonWriter();
        json.StartArray();
        foreach (OciImage image in index.Images)
        {
            string imageTag = index.Images.Count == 1 ? tag : ArchitectureTag(tag, image.Architecture);
            json.StartObject()
                .Property("Config", "blobs/sha256/" + image.Config.Hex)
                .StringArray("RepoTags", [repository + ":" + imageTag])
                .StringArray("Layers", image.Layers.Select(l => "blobs/sha256/" + l.Descriptor.Hex))
                .EndObject();
        }
        return json.EndArray().ToBytes();
    }

    private static void WriteFile(DeterministicTarWriter tar, string name, byte[] content) =>
        tar.WriteEntry(File(name, content.Length), new MemoryStream(content));

    private static TarEntryHeader File(string name, long size) =>
        new() { Name = name, Kind = TarEntryKind.RegularFile, Mode = (UnixFileMode)0x1A4, Size = size };

    private static TarEntryHeader Directory(string name) =>
        new() { Name = name, Kind = TarEntryKind.Directory, Mode = (UnixFileMode)0x1ED };
}
