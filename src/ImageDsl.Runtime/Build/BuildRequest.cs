using ImageDsl.Apk.Repositories;
using ImageDsl.Model;
using ImageDsl.Progress;

namespace ImageDsl.Build;

/// <summary>Everything a build needs besides the configuration itself.</summary>
public sealed record BuildRequest
{
    /// <summary>The merged, validated and derived configuration.</summary>
    public required ImageConfiguration Configuration { get; init; }

    /// <summary>apko's config checksum (for lock files).</summary>
    public string ConfigurationChecksum { get; init; } = "";

    /// <summary>`--arch`: overrides the configuration's archs; null means config archs, else all nine.</summary>
    public IReadOnlyList<Architecture>? Archs { get; init; }

    /// <summary>`-k -b -r -p` additions.</summary>
    public ApkExtras Extras { get; init; } = ApkExtras.None;

    /// <summary>Cache folder, offline mode, signature policy, HTTP settings.</summary>
    public RepositoryClientOptions Repository { get; init; } = new();

    /// <summary>
    /// How a registry base image (`contents.baseimage.ref`) is pulled: the credentials, plain-HTTP hosts
    /// and time limits `publish` uses. The cache folder and offline mode come from <see cref="Repository"/>.
    /// </summary>
    public ImageDsl.Oci.Registry.PushOptions Registry { get; init; } = new();

    /// <summary>`--build-date`.</summary>
    public DateTimeOffset? BuildDate { get; init; }

    /// <summary>
    /// `SOURCE_DATE_EPOCH` when the variable is present (even empty): it then decides the image date instead
    /// of the newest package build date. Parsed once by the caller (<see cref="SourceDateEpoch.FromEnvironment"/>).
    /// </summary>
    public SourceDateEpoch? SourceDateEpoch { get; init; }

    /// <summary>`--annotations`: override the configuration's annotations per key.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// `--lockfile`: each architecture's world is pinned to exactly the locked versions, and every
    /// resolved package must carry the locked checksum.
    /// </summary>
    public ImageDsl.Apk.Lock.LockFile? Lock { get; init; }

    /// <summary>
    /// A compiled build plan (a C# image's <c>Plan</c>): its pinned packages are installed as they are, without
    /// resolving; the indexes are read only to verify them and find each package. Ignored when <see cref="Lock"/> is set.
    /// </summary>
    public BuildPlan? Plan { get; init; }

    /// <summary>The command that makes a new lock for this image, named in the hints of plan errors.</summary>
    public string RelockCommand { get; init; } = "dotnet image lock";

    /// <summary>The most a package's control member may decompress to (apko's 10 MiB default).</summary>
    public long MaxControlSize { get; init; } = ImageDsl.Apk.Packages.ApkPackageReaderOptions.DefaultMaxControlSize;

    /// <summary>The most a package's data member may decompress to (apko's 16 GiB default).</summary>
    public long MaxDataSize { get; init; } = ImageDsl.Apk.Packages.ApkPackageReaderOptions.DefaultMaxDataSize;

    /// <summary>The reader settings every package of this build is opened with.</summary>
    internal ImageDsl.Apk.Packages.ApkPackageReaderOptions ReaderOptions(ImageDsl.Apk.Index.PackageRecord record, ImageDsl.Apk.Signing.Keyring keyring) => new()
    {
        ExpectedControlChecksum = record.ChecksumText.Length > 0 ? record.ChecksumText : null,
        ExpectedName = record.Name,
        ExpectedVersion = record.Version,
        Keyring = keyring,
        SignaturePolicy = Repository.IgnoreSignatures ? ImageDsl.Apk.Packages.PackageSignaturePolicy.Ignore : ImageDsl.Apk.Packages.PackageSignaturePolicy.VerifyKnownKeys,
        MaxControlSize = MaxControlSize,
        MaxDataSize = MaxDataSize,
        Log = Progress.Debug,
        // With the build's caches on, inflated package data is kept beside the downloaded packages.
        ExpandedData = CacheLayers ? ImageDsl.Apk.Repositories.ExpandedDataCache.ForUser(Repository.CacheDirectory) : null,
    };

    /// <summary>Discover repository keys as apko does (Alpine releases.json, `&lt;repo&gt;/apk-configuration`); not when offline.</summary>
    public bool DiscoverKeys { get; init; } = true;

    /// <summary>Where Alpine's release list is read from (tests point it at a loopback server).</summary>
    public Uri? AlpineReleases { get; init; }

    /// <summary>Where the build keeps its temporary files (blobs, spilled file bodies).</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>`--compression`: how layers are compressed (gzip by default, as apko).</summary>
    public ImageDsl.Oci.LayerCompression Compression { get; init; } = ImageDsl.Oci.LayerCompression.Gzip;

    /// <summary>
    /// Keep compressed layers in `&lt;cache dir&gt;/layers` and reuse them by diff_id, so a rebuild of
    /// an unchanged layer skips compression.
    /// </summary>
    public bool CacheLayers { get; init; } = true;

    /// <summary>Receives progress.</summary>
    public IBuildProgress Progress { get; init; } = NullBuildProgress.Instance;
}
