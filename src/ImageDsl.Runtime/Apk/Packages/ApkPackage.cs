using ImageDsl.Apk.Signing;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// An opened, verified .apk: its `.PKGINFO`, hashes, signatures and control files, with its data tar
/// readable as a stream of entries. Made by <see cref="ApkPackageReader"/>; by the time you hold one, the
/// control checksum (if one was expected), package signatures (per policy) and `datahash` have been checked.
/// </summary>
public sealed class ApkPackage : IDisposable
{
    private readonly Func<Stream> _openData;
    private readonly IDisposable? _owned;
    private readonly ApkPackageReaderOptions _options;

    internal ApkPackage(ApkPackageParts parts, Func<Stream> openData, IDisposable? owned, ApkPackageReaderOptions options)
    {
        Source = parts.Source;
        Info = parts.Info;
        ControlSha1 = parts.ControlSha1;
        DataSha256 = parts.DataSha256;
        SignatureSha1 = parts.SignatureSha1;
        Signatures = parts.Signatures;
        SignatureStatus = parts.SignatureStatus;
        VerifiedBy = parts.VerifiedBy;
        ControlFiles = parts.ControlFiles;
        SignatureRange = parts.SignatureRange;
        ControlRange = parts.ControlRange;
        DataRange = parts.DataRange;
        _openData = openData;
        _owned = owned;
        _options = options;
    }

    /// <summary>Where the package came from (a path or URL), as errors name it.</summary>
    public string Source { get; }

    /// <summary>The parsed `.PKGINFO`.</summary>
    public PackageInfo Info { get; }

    /// <summary>SHA-1 of the compressed control member.</summary>
    public byte[] ControlSha1 { get; }

    /// <summary>The control checksum as the index writes it: `Q1` + base64 SHA-1 (= APKINDEX `C:`).</summary>
    public string ControlChecksum => ApkChecksum.ToQ1(ControlSha1);

    /// <summary>SHA-256 of the compressed data member.</summary>
    public byte[] DataSha256 { get; }

    /// <summary>The data hash as `.PKGINFO` writes it: lower-case hex SHA-256.</summary>
    public string DataHash => Convert.ToHexStringLower(DataSha256);

    /// <summary>SHA-1 of the compressed signature member (lock files record it), or null when unsigned.</summary>
    public byte[]? SignatureSha1 { get; }

    /// <summary>The package's own signatures (empty when unsigned).</summary>
    public IReadOnlyList<SignatureEntry> Signatures { get; }

    /// <summary>What checking <see cref="Signatures"/> found.</summary>
    public PackageSignatureStatus SignatureStatus { get; }

    /// <summary>The name of the trusted key that verified the package, or null.</summary>
    public string? VerifiedBy { get; }

    /// <summary>Control member files other than `.PKGINFO`, in archive order.</summary>
    public IReadOnlyList<ControlFile> ControlFiles { get; }

    /// <summary>The apk scripts among <see cref="ControlFiles"/> (`.pre-install`, `.post-install`, `.trigger`...).</summary>
    public IReadOnlyList<ControlFile> Scripts => ControlFiles.Where(f => f.IsScript).ToList();

    /// <summary>The signature member's place in the file, or null when unsigned.</summary>
    public ApkMemberRange? SignatureRange { get; }

    /// <summary>The control member's place in the file.</summary>
    public ApkMemberRange ControlRange { get; }

    /// <summary>The data member's place in the file (the rest of it).</summary>
    public ApkMemberRange DataRange { get; }

    /// <summary>The size of the whole .apk in bytes (the index's `S:`, the installed db's `S:`).</summary>
    public long Size => DataRange.Offset + DataRange.Length;

    /// <summary>`name-version` from `.PKGINFO`.</summary>
    public string NameVersion => Info.NameVersion;

    /// <summary>
    /// Streams the data tar's entries (root entry omitted), checking as it goes: names are safe, every
    /// regular file's SHA-1 matches its record, sizes stay in limits, and the bytes read still hash to
    /// <see cref="DataHash"/>. Errors are <see cref="Errors.ImageDslException"/>s naming the package and
    /// the entry. Content must be read before moving to the next entry. Do not enumerate a package
    /// opened from a stream twice at once.
    /// </summary>
    public IEnumerable<ApkDataEntry> ReadData() => new DataEntryReader(this, _openData, _options).Read();

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{NameVersion} ({Source})";
}

/// <summary>What the reader gathered while opening a package.</summary>
internal sealed record ApkPackageParts(
    string Source,
    PackageInfo Info,
    byte[] ControlSha1,
    byte[] DataSha256,
    byte[]? SignatureSha1,
    IReadOnlyList<SignatureEntry> Signatures,
    PackageSignatureStatus SignatureStatus,
    string? VerifiedBy,
    IReadOnlyList<ControlFile> ControlFiles,
    ApkMemberRange? SignatureRange,
    ApkMemberRange ControlRange,
    ApkMemberRange DataRange);
