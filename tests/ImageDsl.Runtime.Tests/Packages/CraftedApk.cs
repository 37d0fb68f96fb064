using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.Packages;

/// <summary>
/// Builds packages byte by byte with entries our writer would refuse (unsafe names, wrong checksums),
/// but with a correct datahash, so the reader's per-entry checks are what must catch them.
/// </summary>
internal static class CraftedApk
{
    public static byte[] Build(IEnumerable<(TarEntryHeader Spec, byte[]? Content)> entries, ApkPrivateKey? key = null, string name = "crafted")
    {
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        foreach (var (spec, content) in entries)
        {
            builder.WriteEntry(spec with { Size = content?.Length ?? 0 }, content is null ? null : new MemoryStream(content));
        }
        builder.Finish();
        byte[] data = GzipMemberWriter.Compress(tar.ToArray());
        var info = new PackageInfo
        {
            Name = name,
            Version = "1.0-r0",
            Arch = "x86_64",
            DataHash = Convert.ToHexStringLower(SHA256.HashData(data)),
        };
        var control = new MemoryStream();
        byte[] pkginfo = Encoding.UTF8.GetBytes(PackageInfoText.Format(info));
        AbuildTar.Writer(control).WriteEntry(AbuildTar.Entry(".PKGINFO", '0') with { Size = pkginfo.Length }, new MemoryStream(pkginfo));
        byte[] controlGz = GzipMemberWriter.Compress(control.ToArray());
        byte[] signature = key is null ? [] : GzipMemberWriter.Compress(ApkPackageWriter.SignatureTar(key, controlGz, 0));
        return [.. signature, .. controlGz, .. data];
    }

    public static (TarEntryHeader, byte[]?) File(string name, string text, string? sha1Hex = null)
    {
        byte[] content = Encoding.UTF8.GetBytes(text);
        sha1Hex ??= Convert.ToHexStringLower(SHA1.HashData(content));
        return (AbuildTar.Entry(name, '0') with { PaxRecords = [new("APK-TOOLS.checksum.SHA1", Encoding.ASCII.GetBytes(sha1Hex))] }, content);
    }

    public static (TarEntryHeader, byte[]?) Entry(string name, char type, string link = "") =>
        (AbuildTar.Entry(name, type) with { LinkName = link, Mode = (UnixFileMode)(type == '5' ? 0x1ED : 0x1A4) }, null);

    /// <summary>Reads every entry (and all content) of a package, so every check runs.</summary>
    public static List<ApkDataEntry> Expand(ApkPackage package)
    {
        var result = new List<ApkDataEntry>();
        foreach (ApkDataEntry entry in package.ReadData())
        {
            if (entry.Type == ApkEntryType.RegularFile)
            {
                entry.CopyContentTo(Stream.Null);
            }
            result.Add(entry);
        }
        return result;
    }
}
