using System.IO.Compression;
using ImageDsl.Apk.Archive;

namespace ImageDsl.Apk.Signing;

/// <summary>
/// Where an APKINDEX.tar.gz's signed content starts and which signatures its first gzip member holds.
/// A signed index is member 1 = tar of `.SIGN.&lt;TYPE&gt;.&lt;key&gt;` entries, then the index members;
/// an unsigned index starts directly with the index tar.
/// </summary>
/// <param name="SignedContentStart">Offset of the first byte after the signature member (0 when unsigned).</param>
/// <param name="Signatures">The signature entries (empty when unsigned).</param>
public sealed record IndexSignatures(long SignedContentStart, IReadOnlyList<SignatureEntry> Signatures)
{
    /// <summary>True when the archive has a signature member.</summary>
    public bool IsSigned => Signatures.Count > 0;

    /// <summary>Finds the signature member of <paramref name="archive"/>; <paramref name="what"/> names it in errors.</summary>
    public static IndexSignatures Locate(byte[] archive, string what) => Locate(new MemoryStream(archive, writable: false), what);

    /// <summary>Finds the signature member of a seekable <paramref name="archive"/> (read from its start; left open).</summary>
    public static IndexSignatures Locate(Stream archive, string what)
    {
        if (!StartsWithSignatureEntry(archive))
        {
            return new IndexSignatures(0, []);
        }
        // The signature member is small: read it with exact boundaries (one byte per inflate read).
        GzipMember member = GzipMemberReader.Read(archive, 0, 1 << 20, what);
        return new IndexSignatures(member.End, SignatureEntry.ParseMember(member.Content, what));
    }

    /// <summary>Peeks at the first tar header without finding the member's end (cheap for big unsigned indexes).</summary>
    private static bool StartsWithSignatureEntry(Stream archive)
    {
        archive.Position = 0;
        Span<byte> magic = stackalloc byte[2];
        if (archive.Length < 18 || archive.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            return false;
        }
        archive.Position = 0;
        try
        {
            using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            Span<byte> name = stackalloc byte[6];
            int total = 0;
            while (total < name.Length)
            {
                int n = gzip.Read(name[total..]);
                if (n == 0)
                {
                    return false;
                }
                total += n;
            }
            return name.SequenceEqual(".SIGN."u8);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
