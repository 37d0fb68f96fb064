using System.IO.Compression;
using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// The data-tar reader's PAX and GNU extension handling. Mode 0: the payload is a tar, read entry by entry
/// with every content read. Mode 1: the payload is the body of a local PAX header ('x') for one regular
/// file, so every record reaches the code that applies `path`, `size`, `uid`, `gid`, `mtime` and
/// `SCHILY.xattr.*`; the tar is also installed as a package. Mode 2: the same body as a global header
/// ('g'), which must always be refused. Malformed input must be an <see cref="InvalidDataException"/>
/// (or, through the package reader, our Integrity error).
/// </summary>
internal sealed class TarPaxTarget : FuzzTarget
{
    public override string Name => "tar-pax";

    public override string Description => "byte 0 % 3: 0 = tar, 1 = body of an 'x' PAX header for one file (also installed), 2 = body of a 'g' header";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 3);
        switch (mode)
        {
            case 0:
                ReadAll(payload);
                break;
            case 1:
                byte[] tar = WithHeader('x', payload);
                ReadAll(tar);
                byte[] data = GzipCompress(tar);
                ApkPackageTarget.Install(ApkPackageTarget.Wrap(ApkPackageTarget.PackageInfoFor(data), data));
                break;
            default:
                try
                {
                    ReadAll(WithHeader('g', payload));
                }
                catch (InvalidDataException)
                {
                    return;
                }
                throw new InvalidOperationException("a tar with a global PAX header was accepted");
        }
    }

    public override bool IsExpected(Exception error) => error is InvalidDataException || base.IsExpected(error);

    private static void ReadAll(byte[] tar)
    {
        var reader = new StreamingTarReader(new MemoryStream(tar, writable: false));
        byte[] buffer = new byte[4096];
        int entries = 0;
        while (reader.Next() is { } entry && entries++ < 10_000)
        {
            if (entry.Uid < 0 || entry.Gid < 0 || entry.Size < 0)
            {
                throw new InvalidOperationException($"negative uid, gid or size for {entry.Name}");
            }
            while (reader.ReadContent(buffer) > 0)
            {
            }
        }
    }

    /// <summary>A tar holding a PAX header of <paramref name="type"/> with <paramref name="body"/>, then a small regular file.</summary>
    private static byte[] WithHeader(char type, byte[] body)
    {
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        builder.WriteEntry(AbuildTar.Entry("PaxHeaders/f", type) with { Size = body.Length });
        tar.Write(body);
        tar.Write(new byte[(512 - body.Length % 512) % 512]);
        byte[] content = Encoding.ASCII.GetBytes("fuzz\n");
        byte[] sha1 = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(content)));
        builder.WriteEntry(AbuildTar.Entry("f", '0') with { Size = content.Length, PaxRecords = [new("APK-TOOLS.checksum.SHA1", sha1)] }, new MemoryStream(content));
        builder.Finish();
        return tar.ToArray();
    }

    private static byte[] GzipCompress(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
