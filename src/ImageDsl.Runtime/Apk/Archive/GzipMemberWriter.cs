using System.IO.Compression;

namespace ImageDsl.Apk.Archive;

/// <summary>Writes gzip members deterministically (header mtime 0, fixed level) for packages and indexes we produce.</summary>
public static class GzipMemberWriter
{
    /// <summary>Compresses <paramref name="content"/> into one complete gzip member.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> content, CompressionLevel level = CompressionLevel.Optimal)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }
}
