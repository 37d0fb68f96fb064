using System.Security.Cryptography;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Lock;

/// <summary>
/// Where a package file's gzip members lie — [signature], control, data — and the checksums apko's lock
/// file records: SHA-1 of the signature and control members, SHA-256 of the data (the rest of the file).
/// </summary>
/// <param name="SignatureLength">Bytes of the signature member (0 when unsigned).</param>
/// <param name="SignatureSha1">SHA-1 of those bytes (empty when unsigned).</param>
/// <param name="ControlLength">Bytes of the control member.</param>
/// <param name="ControlSha1">SHA-1 of the control member (= the index's `C:`).</param>
/// <param name="DataLength">Bytes of the data members.</param>
/// <param name="DataSha256">SHA-256 of the data bytes (= `.PKGINFO datahash`).</param>
public sealed record PackageSections(long SignatureLength, byte[] SignatureSha1, long ControlLength, byte[] ControlSha1,
    long DataLength, byte[] DataSha256)
{
    /// <summary>apko's default limit on the decompressed control member (`--max-apk-control-size`): 10 MiB.</summary>
    public const long DefaultMaxControlSize = 10L << 20;

    /// <summary>Measures a package file; <paramref name="what"/> names it in errors.</summary>
    public static PackageSections Measure(string path, string what, long maxControlSize = DefaultMaxControlSize)
    {
        using FileStream stream = File.OpenRead(path);
        GzipMember first = GzipMemberReader.Read(stream, 0, maxControlSize, what);
        GzipMember control = first;
        long signatureLength = 0;
        byte[] signatureSha1 = [];
        if (SignatureEntry.LooksLikeSignatureMember(first.Content))
        {
            signatureLength = first.Length;
            signatureSha1 = HashRange(stream, 0, first.Length, SHA1.Create());
            control = GzipMemberReader.Read(stream, first.End, maxControlSize, what);
        }
        if (control.End >= stream.Length)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{what}: the package has no data member after its control member",
                "The package is truncated or is not an apk file.");
        }
        byte[] controlSha1 = HashRange(stream, control.Start, control.Length, SHA1.Create());
        long dataLength = stream.Length - control.End;
        byte[] dataSha256 = HashRange(stream, control.End, dataLength, SHA256.Create());
        return new PackageSections(signatureLength, signatureSha1, control.Length, controlSha1, dataLength, dataSha256);
    }

    /// <summary>The lock file's signature range (empty for unsigned packages).</summary>
    public LockRange SignatureRange => SignatureLength == 0
        ? LockRange.None
        : new LockRange { Range = $"bytes=0-{SignatureLength - 1}", Checksum = "sha1-" + Convert.ToBase64String(SignatureSha1) };

    /// <summary>The lock file's control range.</summary>
    public LockRange ControlRange => new()
    {
        Range = $"bytes={SignatureLength}-{SignatureLength + ControlLength - 1}",
        Checksum = "sha1-" + Convert.ToBase64String(ControlSha1),
    };

    /// <summary>The lock file's data range.</summary>
    public LockRange DataRange => new()
    {
        Range = $"bytes={SignatureLength + ControlLength}-{SignatureLength + ControlLength + DataLength - 1}",
        Checksum = "sha256-" + Convert.ToBase64String(DataSha256),
    };

    private static byte[] HashRange(Stream stream, long start, long length, HashAlgorithm algorithm)
    {
        using (algorithm)
        {
            stream.Position = start;
            byte[] buffer = new byte[81920];
            long left = length;
            while (left > 0)
            {
                int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0)
                {
                    break;
                }
                algorithm.TransformBlock(buffer, 0, n, null, 0);
                left -= n;
            }
            algorithm.TransformFinalBlock([], 0, 0);
            return algorithm.Hash!;
        }
    }
}
