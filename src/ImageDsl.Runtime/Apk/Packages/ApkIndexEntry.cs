namespace ImageDsl.Apk.Packages;

/// <summary>One APKINDEX record to write: a package's `.PKGINFO`, control checksum and file size.</summary>
/// <param name="Info">The package's `.PKGINFO`.</param>
/// <param name="ControlChecksum">`C:`: `Q1` + base64 SHA-1 of the compressed control member.</param>
/// <param name="FileSize">`S:`: the .apk's size in bytes.</param>
public sealed record ApkIndexEntry(PackageInfo Info, string ControlChecksum, long FileSize)
{
    /// <summary>The record for an opened package.</summary>
    public static ApkIndexEntry From(ApkPackage package) => new(package.Info, package.ControlChecksum, package.Size);
}
