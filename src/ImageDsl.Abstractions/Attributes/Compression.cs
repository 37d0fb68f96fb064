namespace ImageDsl;

/// <summary>The layer compression algorithms an image can choose with <see cref="LayerCompressionAttribute"/>.</summary>
/// <remarks>The numeric values are part of the contract (compiled into user assemblies); never renumber.</remarks>
public enum Compression
{
    /// <summary>gzip, media type <c>application/vnd.oci.image.layer.v1.tar+gzip</c> (levels 1-9, default 9): what apko writes.</summary>
    Gzip = 0,

    /// <summary>zstd, media type <c>application/vnd.oci.image.layer.v1.tar+zstd</c> (levels 1-19, default 3): ImageDsl's own.</summary>
    Zstd = 1,
}
