namespace ImageDsl.Apk.Packages;

/// <summary>Where a gzip member lies in the .apk file (lock files record these as `bytes=first-last`).</summary>
/// <param name="Offset">The offset of the member's first byte.</param>
/// <param name="Length">The member's compressed length.</param>
public sealed record ApkMemberRange(long Offset, long Length)
{
    /// <summary>The offset of the member's last byte.</summary>
    public long Last => Offset + Length - 1;

    /// <summary>The HTTP range form apko's lock files use, e.g. `bytes=647-1628`.</summary>
    public string HttpRange => $"bytes={Offset}-{Last}";
}
