namespace ImageDsl.Oci;

/// <summary>
/// Writes an OCI image layout folder (`oci-layout`, `index.json`, `blobs/sha256/*`) in apko's shape:
/// `index.json` is the image index itself (its platform entries and annotations), not a pointer to it,
/// so tools written for apko's layouts read ours unchanged. Each entry also carries
/// `org.opencontainers.image.ref.name` (the tag with one architecture, `tag-&lt;arch&gt;&lt;variant&gt;` with
/// several, the names `docker load` gives them) so `skopeo … oci:DIR:NAME` and `umoci unpack --image
/// DIR:NAME` pick one image. The index blob is kept in `blobs/` too, so its digest can be pushed. The
/// folder is built under a temporary name and renamed into place (replacing an older one).
/// </summary>
public static class OciLayoutWriter
{
    /// <summary>Writes <paramref name="index"/> from <paramref name="store"/> as a layout at <paramref name="layoutDirectory"/>.</summary>
    public static void Write(string layoutDirectory, BlobStore store, OciImageIndex index, string tag = "latest")
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        AtomicOutput.WriteDirectory(layoutDirectory, folder =>
        {
            string blobs = Path.Combine(folder, "blobs", "sha256");
            Directory.CreateDirectory(blobs);
            foreach (string digest in LayoutIndex.Blobs(index).Append(index.Index.Digest).Distinct())
            {
                File.Copy(store.PathFor(digest), Path.Combine(blobs, digest["sha256:".Length..]));
            }
            File.WriteAllText(Path.Combine(folder, "oci-layout"), LayoutIndex.LayoutFile);
            File.WriteAllBytes(Path.Combine(folder, "index.json"), IndexJson(index, tag));
        });
    }

    /// <summary>The `org.opencontainers.image.ref.name` of one architecture's entry in a layout's index.json.</summary>
    public static string RefName(OciImageIndex index, OciImage image, string tag) =>
        index.Images.Count == 1 ? tag : ImageTarWriter.ArchitectureTag(tag, image.Architecture);

    /// <summary>The index as written to the blob store, each entry with its ref name added.</summary>
    internal static byte[] IndexJson(OciImageIndex index, string tag) =>
        ImageJson.Index(
            index.Images.Select(image => image.IndexEntry with
            {
                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ImageAnnotations.RefName] = RefName(index, image, tag) },
            }),
            index.Annotations);
}
