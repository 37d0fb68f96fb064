namespace ImageDsl.Oci.Base;

/// <summary>Copies a base image's layer files into a blob store unchanged, so the output holds them byte for byte.</summary>
public static class BaseImageBlobs
{
    /// <summary>Adds every layer of <paramref name="image"/> that the store does not hold yet.</summary>
    public static void CopyInto(BlobStore store, LoadedBaseImage image)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(image);
        foreach (BaseLayer layer in image.Layers)
        {
            if (store.Contains(layer.Blob.Digest))
            {
                continue;
            }
            string temporary = store.NewTemporaryPath();
            File.Copy(layer.SourcePath, temporary);
            store.Commit(temporary, layer.Blob.Digest);
        }
    }
}
