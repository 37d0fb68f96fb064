using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.Hostile;

/// <summary>One entry of a hand-made data tar: any name, any type, any checksum record.</summary>
/// <param name="Name">The tar name, written as given (no normalisation, no checks).</param>
/// <param name="Type">The tar entry type.</param>
/// <param name="Content">A regular file's bytes.</param>
/// <param name="LinkName">The target of a symlink or hard link.</param>
internal sealed record HostileEntry(string Name, TarEntryType Type, byte[]? Content = null, string LinkName = "")
{
    /// <summary>The `APK-TOOLS.checksum.SHA1` record: null = the right one (files and symlinks), "" = none.</summary>
    public string? Sha1 { get; init; }

    public int Mode { get; init; } = 0x1A4;

    public int DeviceMajor { get; init; }

    public int DeviceMinor { get; init; }

    /// <summary>Extra PAX records.</summary>
    public IReadOnlyDictionary<string, string> Pax { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A PAX `path` record written byte for byte (System.Formats.Tar replaces a `path` record with the
    /// entry name, so such tars are written with the Runtime's own tar writer in its abuild dialect instead).
    /// </summary>
    public string? RawPath { get; init; }

    public static HostileEntry File(string name, string text) => new(name, TarEntryType.RegularFile, Encoding.UTF8.GetBytes(text));

    public static HostileEntry Directory(string name) => new(name, TarEntryType.Directory) { Mode = 0x1ED };

    public static HostileEntry Symlink(string name, string target) => new(name, TarEntryType.SymbolicLink, LinkName: target) { Mode = 0x1FF };

    public static HostileEntry HardLink(string name, string target) => new(name, TarEntryType.HardLink, LinkName: target);
}

/// <summary>
/// Crafts .apk files that our writer would refuse to make: the data tar is written with
/// System.Formats.Tar (which writes any name), then wrapped exactly as abuild does (control member with
/// `.PKGINFO` and a correct `datahash`, optional signature member), so the only thing wrong with the
/// package is what the test put in it.
/// </summary>
internal static class HostileApk
{
    public static byte[] DataTar(IEnumerable<HostileEntry> entries)
    {
        if (entries.Any(e => e.RawPath is not null))
        {
            return RawDataTar(entries);
        }
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (HostileEntry e in entries)
            {
                var pax = new Dictionary<string, string>(e.Pax);
                string? sha1 = e.Sha1 ?? e.Type switch
                {
                    TarEntryType.RegularFile => Convert.ToHexStringLower(SHA1.HashData(e.Content ?? [])),
                    TarEntryType.SymbolicLink => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(e.LinkName))),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(sha1))
                {
                    pax["APK-TOOLS.checksum.SHA1"] = sha1;
                }
                var entry = new PaxTarEntry(e.Type, e.Name, pax)
                {
                    Mode = (UnixFileMode)e.Mode,
                    ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1700000000),
                    UserName = "root",
                    GroupName = "root",
                };
                if (e.LinkName.Length > 0)
                {
                    entry.LinkName = e.LinkName;
                }
                if (e.Type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
                {
                    entry.DeviceMajor = e.DeviceMajor;
                    entry.DeviceMinor = e.DeviceMinor;
                }
                if (e.Content is not null)
                {
                    entry.DataStream = new MemoryStream(e.Content);
                }
                writer.WriteEntry(entry);
            }
        }
        return tar.ToArray();
    }

    private static byte[] RawDataTar(IEnumerable<HostileEntry> entries)
    {
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        foreach (HostileEntry e in entries)
        {
            char type = e.Type switch
            {
                TarEntryType.Directory => '5',
                TarEntryType.SymbolicLink => '2',
                TarEntryType.HardLink => '1',
                _ => '0',
            };
            var records = new List<KeyValuePair<string, byte[]>>();
            if (e.RawPath is not null)
            {
                records.Add(new("path", Encoding.UTF8.GetBytes(e.RawPath)));
            }
            if (type == '0')
            {
                records.Add(new("APK-TOOLS.checksum.SHA1", Encoding.ASCII.GetBytes(e.Sha1 ?? Convert.ToHexStringLower(SHA1.HashData(e.Content ?? [])))));
            }
            builder.WriteEntry(AbuildTar.Entry(e.Name, type) with { Mode = (UnixFileMode)(e.Mode), LinkName = e.LinkName, Size = e.Content?.Length ?? 0, PaxRecords = records },
                e.Content is null ? null : new MemoryStream(e.Content));
        }
        builder.Finish();
        return tar.ToArray();
    }

    /// <summary>
    /// A complete package around <paramref name="dataTar"/>. `datahash` is computed unless
    /// <paramref name="info"/> sets one (a wrong one, for a test); signed when <paramref name="key"/> is given.
    /// </summary>
    public static byte[] Package(PackageInfo info, byte[] dataTar, ApkPrivateKey? key = null)
    {
        byte[] data = GzipMemberWriter.Compress(dataTar);
        info = info.DataHash is null ? info with { DataHash = Convert.ToHexStringLower(SHA256.HashData(data)) } : info;
        byte[] pkginfo = Encoding.UTF8.GetBytes(PackageInfoText.Format(info));
        var control = new MemoryStream();
        AbuildTar.Writer(control).WriteEntry(AbuildTar.Entry(".PKGINFO", '0') with { Size = pkginfo.Length }, new MemoryStream(pkginfo));
        byte[] controlGz = GzipMemberWriter.Compress(control.ToArray());
        byte[] signature = key is null ? [] : GzipMemberWriter.Compress(ApkPackageWriter.SignatureTar(key, controlGz, 0));
        return [.. signature, .. controlGz, .. data];
    }

    /// <summary>A package named <paramref name="name"/>-1.0-r0 (x86_64) holding <paramref name="entries"/>, signed by the trusted key.</summary>
    public static byte[] Package(string name, params HostileEntry[] entries) =>
        Package(new PackageInfo { Name = name, Version = "1.0-r0", Arch = HostileRepository.Arch, Origin = name, BuildDate = 1700000000 },
            DataTar(entries), HostileKeys.Trusted);

    /// <summary>Where the members of a package lie: [signature], control, data (start, end) offsets.</summary>
    public static (GzipMember? Signature, GzipMember Control, long DataStart) Members(byte[] apk)
    {
        using var stream = new MemoryStream(apk);
        GzipMember first = GzipMemberReader.Read(stream, 0, 1 << 24, "apk");
        if (!ImageDsl.Apk.Signing.SignatureEntry.LooksLikeSignatureMember(first.Content))
        {
            return (null, first, first.End);
        }
        GzipMember control = GzipMemberReader.Read(stream, first.End, 1 << 24, "apk");
        return (first, control, control.End);
    }
}
