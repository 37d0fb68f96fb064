using ImageDsl.Apk.Signing;

namespace ImageDsl.Apk.Packages;

/// <summary>What <see cref="ApkPackageReader"/> checks when it opens a package.</summary>
public sealed record ApkPackageReaderOptions
{
    /// <summary>apko's default limit on the decompressed control member (10 MiB).</summary>
    public const long DefaultMaxControlSize = 10L << 20;

    /// <summary>apko's default limit on the decompressed data member (16 GiB).</summary>
    public const long DefaultMaxDataSize = 16L << 30;

    /// <summary>
    /// The index's `C:` value (`Q1` + base64 SHA-1 of the compressed control member). When set, a
    /// package whose control member hashes differently is refused before anything else is read.
    /// </summary>
    public string? ExpectedControlChecksum { get; init; }

    /// <summary>The name the caller asked for; named in errors, and the `.PKGINFO` must agree.</summary>
    public string? ExpectedName { get; init; }

    /// <summary>The version the caller asked for; named in errors, and the `.PKGINFO` must agree.</summary>
    public string? ExpectedVersion { get; init; }

    /// <summary>The trusted keys for package signatures; null = none.</summary>
    public Keyring? Keyring { get; init; }

    /// <summary>How package signatures are treated.</summary>
    public PackageSignaturePolicy SignaturePolicy { get; init; } = PackageSignaturePolicy.VerifyKnownKeys;

    /// <summary>When true (default), a regular file without a PAX `APK-TOOLS.checksum.SHA1` record is an error, as at apko's install step.</summary>
    public bool RequireFileChecksums { get; init; } = true;

    /// <summary>The most bytes the control (and signature) member may decompress to.</summary>
    public long MaxControlSize { get; init; } = DefaultMaxControlSize;

    /// <summary>The most bytes the data member may decompress to.</summary>
    public long MaxDataSize { get; init; } = DefaultMaxDataSize;

    /// <summary>Receives debug messages (e.g. a signature by an unknown key); null = silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Where inflated data tars are kept between builds (null: inflate every time).</summary>
    internal Repositories.ExpandedDataCache? ExpandedData { get; init; }
}
