namespace ImageDsl.Oci;

/// <summary>A written layer: `digest`/`size` of the gzip blob and `diff_id` of the tar inside it.</summary>
public sealed record LayerBlob(string Digest, long Size, string DiffId, long UncompressedSize)
{
    /// <summary>The layer media type.</summary>
    public string MediaType { get; init; } = OciMediaTypes.GzipLayer;

    /// <summary>The manifest descriptor of this layer.</summary>
    public OciDescriptor Descriptor => new(MediaType, Digest, Size);
}
