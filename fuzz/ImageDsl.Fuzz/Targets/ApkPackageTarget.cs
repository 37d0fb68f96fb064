using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Install;
using ImageDsl.Formats.Tar;
using ImageDsl.Oci;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// APK packages. Mode 0: a whole .apk, opened, expanded and installed into a tree that is written as a
/// layer. Mode 1: the payload is an uncompressed data tar, wrapped into a valid package (correct
/// datahash) so the data-tar reader, the installer and the layer writer see it. Mode 2: the payload is
/// .PKGINFO text (a correct datahash line is appended). Mode 3: a control/signature tar
/// (SmallTarReader, signature entries). Mode 4: concatenated gzip members split one by one.
/// </summary>
internal sealed class ApkPackageTarget : FuzzTarget
{
    private static readonly byte[] EmptyDataTar = new byte[1024];
    private static readonly byte[] EmptyData = GzipMemberWriter.Compress(EmptyDataTar);
    private static readonly string SpillFolder = Directory.CreateTempSubdirectory("imagedsl-fuzz-apk-").FullName;

    public override string Name => "apk";

    public override string Description =>
        "byte 0 % 5: 0 = .apk, 1 = data tar (wrapped), 2 = .PKGINFO text (wrapped), 3 = control/signature tar, 4 = gzip members";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 5);
        switch (mode)
        {
            case 0:
                Install(payload);
                break;
            case 1:
                Install(Wrap(PackageInfoFor(GzipMemberWriter.Compress(payload)), GzipMemberWriter.Compress(payload)));
                break;
            case 2:
                string text = Encoding.UTF8.GetString(payload) + "\ndatahash = " + Convert.ToHexStringLower(SHA256.HashData(EmptyData)) + "\n";
                Install(Wrap(text, EmptyData));
                break;
            case 3:
                foreach (SmallTarEntry entry in SmallTarReader.Read(payload, "fuzz"))
                {
                    _ = entry.PaxRecords.Count;
                }
                if (SignatureEntry.LooksLikeSignatureMember(payload))
                {
                    SignatureEntry.ParseMember(payload, "fuzz");
                }
                break;
            default:
                using (var stream = new MemoryStream(payload, writable: false))
                {
                    long at = 0;
                    while (at < payload.Length)
                    {
                        at = GzipMemberReader.Read(stream, at, 1 << 20, "fuzz").End;
                    }
                }
                break;
        }
    }

    internal static void Install(byte[] apk)
    {
        using var spill = new ContentSpill(SpillFolder);
        var tree = new FileTree();
        var installer = new PackageInstaller(tree, spill);
        using (ApkPackage package = ApkPackageReader.Open(new MemoryStream(apk, writable: false), "fuzz.apk",
            new ApkPackageReaderOptions { MaxControlSize = 1 << 20, MaxDataSize = 16 << 20 }))
        {
            installer.Install(package);
        }
        LayerWriter.WriteTar(tree, Stream.Null);
    }

    internal static string PackageInfoFor(byte[] data) =>
        $"pkgname = fuzz\npkgver = 1.0-r0\narch = x86_64\ndatahash = {Convert.ToHexStringLower(SHA256.HashData(data))}\n";

    internal static byte[] Wrap(string packageInfo, byte[] data)
    {
        byte[] info = Encoding.UTF8.GetBytes(packageInfo);
        var control = new MemoryStream();
        AbuildTar.Writer(control).WriteEntry(AbuildTar.Entry(".PKGINFO", '0') with { Size = info.Length }, new MemoryStream(info));
        return [.. GzipMemberWriter.Compress(control.ToArray()), .. data];
    }
}
