namespace ImageDsl.Sbom;

/// <summary>A regular file a package installed, listed in the SBOM with its checksum.</summary>
/// <param name="Path">The absolute path in the image.</param>
/// <param name="Sha1">The lower-case hex SHA-1 of its content (apk's `Z:`).</param>
public sealed record SbomFile(string Path, string Sha1);
