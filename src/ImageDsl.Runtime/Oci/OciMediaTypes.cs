namespace ImageDsl.Oci;

/// <summary>The OCI media types this project writes.</summary>
public static class OciMediaTypes
{
    /// <summary>Image index.</summary>
    public const string Index = "application/vnd.oci.image.index.v1+json";

    /// <summary>Image manifest.</summary>
    public const string Manifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Image config.</summary>
    public const string Config = "application/vnd.oci.image.config.v1+json";

    /// <summary>gzip-compressed tar layer.</summary>
    public const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>zstd-compressed tar layer (opt-in: `--compression zstd`).</summary>
    public const string ZstdLayer = "application/vnd.oci.image.layer.v1.tar+zstd";
}
