using ImageDsl.Oci.Registry;

namespace ImageDsl.Oci.Base;

/// <summary>How a base image named by a registry reference (`contents.baseimage.ref`) is pulled.</summary>
public sealed record BaseImagePullOptions
{
    /// <summary>Credentials, plain-HTTP rules, time limits and retries: the same settings `publish` pushes with.</summary>
    public PushOptions Registry { get; init; } = new();

    /// <summary>The cache folder (`--cache-dir`); pulled blobs are kept in its `base-images/blobs/sha256/`.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>`--offline`: no network; the pinned digest and all its blobs must be in the cache.</summary>
    public bool Offline { get; init; }

    /// <summary>
    /// The digest a lock file pins (the reference's index or manifest). When set, the image pulled must
    /// be exactly this one: a tag now pointing elsewhere is an error, not a silent upgrade.
    /// </summary>
    public string? PinnedDigest { get; init; }

    /// <summary>The most bytes one base layer may have (a hostile manifest cannot make us fill the disk).</summary>
    public long MaxLayerSize { get; init; } = 16L << 30;
}
