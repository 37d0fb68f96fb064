using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Oci;

/// <summary>
/// What a layer tar will hold, hashed without reading the file bodies a name is known for: every
/// entry's tar header as <see cref="LayerWriter"/> writes it (size moved out), then the size and the
/// name of the bytes (<see cref="FileContent.Identity"/>: a package's data hash and the entry's place
/// in its data tar) or, for bytes without a name (files the build wrote), their SHA-256. Two trees
/// with the same fingerprint write the same tar, so the layer cache can map a fingerprint to the
/// diff_id it once hashed and skip both the pass over the bodies and the compression.
/// </summary>
/// <remarks>
/// Each entry is one record of length-prefixed fields, so no two different entry lists give the
/// same bytes to hash. The version line changes whenever the tar writing changes what it writes.
/// </remarks>
internal static class LayerFingerprint
{
    private const string Version = "imagedsl layer fingerprint 1\n";

    /// <summary>`sha256:&lt;hex&gt;` over the entries' records.</summary>
    public static string Compute(FileTree tree, IEnumerable<LayerEntry> entries, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(Version));
        using var headers = new MemoryStream();
        using var tar = new DeterministicTarWriter(headers, leaveOpen: true);
        Span<byte> number = stackalloc byte[8];
        foreach ((TarEntryHeader header, FileContent? content) in LayerWriter.Plan(tree, entries, cancellationToken))
        {
            headers.SetLength(0);
            tar.WriteEntry(content is null ? header : header with { Size = 0 });
            BinaryPrimitives.WriteInt64LittleEndian(number, headers.Length);
            hash.AppendData(number);
            hash.AppendData(headers.GetBuffer().AsSpan(0, (int)headers.Length));
            if (content is null)
            {
                hash.AppendData([0]);
                continue;
            }
            byte[] name = Encoding.UTF8.GetBytes(content.Identity ?? "sha256:" + Convert.ToHexStringLower(Sha256(content)));
            hash.AppendData([1]);
            BinaryPrimitives.WriteInt64LittleEndian(number, header.Size);
            hash.AppendData(number);
            BinaryPrimitives.WriteInt64LittleEndian(number, name.Length);
            hash.AppendData(number);
            hash.AppendData(name);
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] Sha256(FileContent content)
    {
        using Stream stream = content.OpenRead();
        return SHA256.HashData(stream);
    }
}
