using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;

namespace ImageDsl.Oci;

/// <summary>What to build one architecture's image from.</summary>
public sealed record ImageRequest(FileTree Tree, ImageConfiguration Configuration, Architecture Architecture)
{
    /// <summary>The build date: config `created`, history and the created annotation.</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Annotations that override the configuration's (apko's `--annotations`).</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The installed packages, needed only for `layering: {strategy: origin}`.</summary>
    public IReadOnlyList<LayerPackage> Packages { get; init; } = [];

    /// <summary>
    /// Layering only: whether a version (first argument) meets a `replaces` constraint such as `>=1.2`
    /// (second). Null accepts any version.
    /// </summary>
    public Func<string, string, bool>? VersionSatisfies { get; init; }

    /// <summary>
    /// The image to build on: its layers go first, unchanged, and its config fills in whatever the
    /// configuration leaves unset (see <see cref="Base.BaseImageMerge"/>).
    /// </summary>
    public Base.LoadedBaseImage? Base { get; init; }

    /// <summary>How layers are compressed (gzip by default).</summary>
    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;

    /// <summary>Compressed layers kept between builds; null compresses every layer.</summary>
    public LayerCache? LayerCache { get; init; }
}

/// <summary>One architecture's image, its blobs in a <see cref="BlobStore"/>.</summary>
public sealed record OciImage(
    Architecture Architecture,
    OciDescriptor Manifest,
    OciDescriptor Config,
    IReadOnlyList<LayerBlob> Layers,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The manifest descriptor as an index lists it: with the platform.</summary>
    public OciDescriptor IndexEntry => Manifest with
    {
        Platform = new OciPlatform(Architecture.OciArchitecture, "linux", Architecture.OciVariant),
    };
}

/// <summary>An image index over one or more architectures, its blobs in a <see cref="BlobStore"/>.</summary>
public sealed record OciImageIndex(
    OciDescriptor Index,
    IReadOnlyList<OciImage> Images,
    IReadOnlyDictionary<string, string> Annotations);
