namespace ImageDsl.Oci;

/// <summary>
/// What `index.json` on the OCI side of an image tar lists, and which blobs it needs (a layout folder
/// has apko's shape instead, see <see cref="OciLayoutWriter"/>). One architecture: the manifest
/// itself, so every tool (umoci included) can open `archive:tag`. Several: the image index, so
/// `archive:tag` is the multi-arch image.
/// </summary>
internal static class LayoutIndex
{
    public const string LayoutFile = "{\"imageLayoutVersion\":\"1.0.0\"}";

    public static OciDescriptor TopDescriptor(OciImageIndex index, IReadOnlyDictionary<string, string> annotations) =>
        (index.Images.Count == 1 ? index.Images[0].IndexEntry : index.Index) with { Annotations = annotations };

    public static byte[] IndexJson(OciImageIndex index, IReadOnlyDictionary<string, string> annotations) =>
        ImageJson.Index([TopDescriptor(index, annotations)], null);

    /// <summary>Every blob the layout references, each once, in digest order.</summary>
    public static IReadOnlyList<string> Blobs(OciImageIndex index)
    {
        var digests = new SortedSet<string>(StringComparer.Ordinal);
        if (index.Images.Count != 1)
        {
            digests.Add(index.Index.Digest);
        }
        foreach (OciImage image in index.Images)
        {
            digests.Add(image.Manifest.Digest);
            digests.Add(image.Config.Digest);
            foreach (LayerBlob layer in image.Layers)
            {
                digests.Add(layer.Digest);
            }
        }
        return digests.ToArray();
    }

    /// <summary>Splits `repo:tag` (a ':' after the last '/'); the tag defaults to `latest`.</summary>
    public static (string Repository, string Tag) SplitReference(string reference)
    {
        int slash = reference.LastIndexOf('/');
        int colon = reference.LastIndexOf(':');
        if (colon > slash && colon > 0)
        {
            return (reference[..colon], reference[(colon + 1)..]);
        }
        return (reference, "latest");
    }
}
