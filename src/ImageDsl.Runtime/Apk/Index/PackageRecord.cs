using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Versions;

namespace ImageDsl.Apk.Index;

/// <summary>
/// One package of an APKINDEX: the fields apk writes (<c>P V A S I T U L o m t c D p i k C r</c>),
/// dependencies parsed as constraints, and the repository and arch folder it was listed in.
/// Immutable; compared by reference (two repositories may list identical records).
/// </summary>
public sealed class PackageRecord
{
    /// <summary>`P:` the package name.</summary>
    public required string Name { get; init; }

    /// <summary>`V:` the version as written.</summary>
    public required string Version { get; init; }

    private ApkVersion? _parsedVersion;
    private bool _versionParsed;

    /// <summary>The parsed version, or null when `V:` does not follow apko's grammar (it then satisfies no versioned constraint). Parsed on first use.</summary>
    public ApkVersion? ParsedVersion
    {
        get
        {
            if (!_versionParsed)
            {
                ApkVersion.TryParse(Version, out _parsedVersion);
                _versionParsed = true;
            }
            return _parsedVersion;
        }
    }

    /// <summary>`A:` the package's own arch (`noarch` for arch-independent packages).</summary>
    public string Arch { get; init; } = "";

    /// <summary>`S:` the size of the .apk file in bytes.</summary>
    public long Size { get; init; }

    /// <summary>`I:` the installed size in bytes.</summary>
    public long InstalledSize { get; init; }

    /// <summary>`T:` the one-line description.</summary>
    public string Description { get; init; } = "";

    /// <summary>`U:` the project URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>`L:` the licence expression.</summary>
    public string License { get; init; } = "";

    /// <summary>`o:` the origin (source package) name.</summary>
    public string Origin { get; init; } = "";

    /// <summary>`m:` the maintainer.</summary>
    public string Maintainer { get; init; } = "";

    /// <summary>`t:` the build time (unix seconds), or null.</summary>
    public long? BuildTime { get; init; }

    /// <summary>`c:` the source commit.</summary>
    public string Commit { get; init; } = "";

    /// <summary>`D:` dependencies, including `!name` conflicts.</summary>
    public IReadOnlyList<PackageConstraint> Dependencies { get; init; } = [];

    /// <summary>`p:` provides (`so:`, `cmd:`, `pc:` virtuals and other names, versioned or not).</summary>
    public IReadOnlyList<PackageConstraint> Provides { get; init; } = [];

    /// <summary>`i:` install_if: the package is added when every entry is installed.</summary>
    public IReadOnlyList<PackageConstraint> InstallIf { get; init; } = [];

    /// <summary>`r:` replaces (kept for completeness; apko takes replaces from .PKGINFO at install).</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>`k:` provider priority (0 when absent).</summary>
    public long ProviderPriority { get; init; }

    /// <summary>`C:Q1…`: the SHA-1 of the package's control gzip member, or null when absent or not `Q1`.</summary>
    public byte[]? Checksum { get; init; }

    /// <summary>The repository whose index listed the package.</summary>
    public required ApkRepository Repository { get; init; }

    /// <summary>The arch folder of that index (`x86_64`...): package files live beside the index.</summary>
    public required string RepositoryArch { get; init; }

    /// <summary>The package file name, `name-version.apk`.</summary>
    public string FileName => $"{Name}-{Version}.apk";

    /// <summary>Where the package file lives: `&lt;repository&gt;/&lt;arch&gt;/&lt;name&gt;-&lt;version&gt;.apk`.</summary>
    public string PackageUrl => Repository.PackageUrl(RepositoryArch, FileName);

    /// <summary>The checksum as the index writes it (`Q1` + base64), or "".</summary>
    public string ChecksumText => Checksum is null ? "" : "Q1" + Convert.ToBase64String(Checksum);

    /// <summary>The repository tag packages must be pinned to (`name@tag`), or null.</summary>
    public string? Pin => Repository.Tag;

    /// <summary>`name-version`.</summary>
    public override string ToString() => $"{Name}-{Version}";
}
