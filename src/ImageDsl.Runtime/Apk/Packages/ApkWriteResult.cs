namespace ImageDsl.Apk.Packages;

/// <summary>What <see cref="ApkPackageWriter"/> wrote.</summary>
/// <param name="Info">The final `.PKGINFO` (with `size` and `datahash` filled in).</param>
/// <param name="ControlChecksum">The control checksum (`Q1` + base64 SHA-1), the index's `C:`.</param>
/// <param name="Size">The size of the .apk in bytes.</param>
/// <param name="SignedBy">The public key name the package was signed for, or null.</param>
public sealed record ApkWriteResult(PackageInfo Info, string ControlChecksum, long Size, string? SignedBy);
