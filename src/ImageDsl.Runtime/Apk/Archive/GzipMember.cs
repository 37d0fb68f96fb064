namespace ImageDsl.Apk.Archive;

/// <summary>
/// One gzip member of a concatenated stream (APK files and APKINDEX.tar.gz are 2 or 3 members):
/// where its compressed bytes lie, and what they decompress to.
/// </summary>
/// <param name="Start">Offset of the member's first byte (the 0x1f 0x8b magic).</param>
/// <param name="End">Offset just past the member's 8-byte trailer.</param>
/// <param name="Content">The decompressed bytes.</param>
public sealed record GzipMember(long Start, long End, byte[] Content)
{
    /// <summary>The size of the compressed member in bytes.</summary>
    public long Length => End - Start;
}
