namespace ImageDsl.Oci;

/// <summary>
/// Writes an OCI image layout folder (`oci-layout`, `index.json`, `blobs/sha256/*`) whose
/// index.json entry carries `org.opencontainers.image.ref.name: &lt;tag&gt;`, so
/// `skopeo inspect oci:DIR:TAG` and `umoci unpack --image DIR:TAG` find it. The folder is built
/// under a temporary name and renamed into place (replacing an older one).
/// </summary>
public static class OciLayoutWriter
{
    /// <summary>Writes <paramref name="index"/> from <paramref name="store"/> as a layout at <paramref name="layoutDirectory"/>.</summary>
    public static void Write(string layoutDirectory, BlobStore store, OciImageIndex index, string tag = "latest")
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ImageAnnotations.RefName] = tag };
        AtomicOutput.WriteDirectory(layoutDirectory, folder =>
        {
            string blobs = Path.Combine(folder, "blobs", "sha256");
            Directory.CreateDirectory(blobs);
            foreach (string digest in LayoutIndex.Blobs(index))
            {
                File.Copy(store.PathFor(digest), Path.Combine(blobs, digest["sha256:".Length..]));
            }
            File.WriteAllText(Path.Combine(folder, "oci-layout"), LayoutIndex.LayoutFile);
            File.WriteAllBytes(Path.Combine(folder, "index.json"), LayoutIndex.IndexJson(index, annotations));
        });
    }
}
