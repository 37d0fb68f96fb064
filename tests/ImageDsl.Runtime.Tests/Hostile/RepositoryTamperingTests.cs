using System.Formats.Tar;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Every way we could think of to tamper with a repository's index or packages: each build must fail
/// with an Integrity error whose message names the package (or index) and says what was wrong.
/// The repository is a local folder; <see cref="CacheTamperingTests"/> does the same through HTTP and the cache.
/// </summary>
public sealed class RepositoryTamperingTests : IDisposable
{
    private const string Tiny = "tiny-2.0-r1.apk";
    private readonly TempDirectory _cache = new("imagedsl-hostile-cache");

    public void Dispose() => _cache.Dispose();

    /// <summary>Case name → (damage done to the repository, fragments the error message must contain).</summary>
    private static readonly Dictionary<string, (Action<HostileRepository> Tamper, string[] Expected)> Cases = new()
    {
        ["flipped byte in the signature member"] = (r => Flip(r, m => m.Signature!.Start + m.Signature.Length / 2), [Tiny, "corrupt gzip member at offset 0"]),
        ["flipped byte in the control member"] = (r => Flip(r, m => m.Control.Start + m.Control.Length / 2), [Tiny, "corrupt gzip member at offset"]),
        ["changed control gzip header (valid gzip, other bytes)"] = (r => Flip(r, m => m.Control.Start + 4), ["package tiny-2.0-r1", "control hash mismatch: the index says Q1"]),
        ["flipped byte in the data member"] = (r => Flip(r, m => m.DataStart + 40), ["package tiny-2.0-r1", "data hash mismatch"]),
        ["flipped byte in the data member's gzip trailer"] = (r => Flip(r, m => -1), ["package tiny-2.0-r1", "data hash mismatch"]),
        ["truncated inside the data member"] = (r => Cut(r, m => m.DataStart + 30), ["package tiny-2.0-r1", "data hash mismatch"]),
        ["truncated after the control member"] = (r => Cut(r, m => m.DataStart), ["package tiny-2.0-r1", "it has no data member (truncated?)"]),
        ["truncated inside the control member"] = (r => Cut(r, m => m.Control.Start + 20), [Tiny, "corrupt gzip member at offset"]),
        ["truncated after the signature member"] = (r => Cut(r, m => m.Control.Start), [Tiny, "no control or data member"]),
        ["emptied package file"] = (r => Cut(r, m => 0), [Tiny]),
        ["control and data members swapped"] = (r => Edit(r, (b, m) => [.. b[..(int)m.Control.Start], .. b[(int)m.DataStart..], .. b[(int)m.Control.Start..(int)m.DataStart]]),
            [Tiny, "control hash mismatch"]),
        ["another package's file under this name"] = (r => File.Copy(r.PackagePath("base-1.0-r0.apk"), r.PackagePath(Tiny), overwrite: true),
            ["package tiny-2.0-r1", "control hash mismatch"]),
        ["wrong C: in a correctly signed index"] = (r => r.Index(e => e.Select(x => x.Info.Name == "tiny" ? x with { ControlChecksum = "Q1" + Convert.ToBase64String(new byte[20]) } : x)),
            ["package tiny-2.0-r1", "control hash mismatch: the index says Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "hashes to Q1"]),
        ["C: of another package, signed (the file holds base)"] = (r =>
            {
                File.Copy(r.PackagePath("base-1.0-r0.apk"), r.PackagePath(Tiny), overwrite: true);
                using ApkPackage basePackage = ApkPackageReader.Open(r.PackagePath("base-1.0-r0.apk"));
                ApkIndexEntry entry = ApkIndexEntry.From(basePackage);
                File.WriteAllBytes(r.IndexPath, HostileRepository.IndexBytes(
                    [entry, entry with { Info = entry.Info with { Name = "tiny", Version = "2.0-r1", Depends = ["base"] } }], HostileKeys.Trusted));
            }, ["tiny-2.0-r1", "the file holds base-1.0-r0, not the package asked for"]),
        ["wrong datahash in .PKGINFO (index re-signed to match)"] = (r => Repack(r, info => info with { DataHash = new string('a', 64) }),
            ["package tiny-2.0-r1", "data hash mismatch: .PKGINFO datahash is aaaaaaaa"]),
        ["no datahash in .PKGINFO (index re-signed to match)"] = (r => Repack(r, info => info with { DataHash = "" }),
            ["package tiny-2.0-r1", "has no datahash"]),
        ["wrong per-file SHA-1 (datahash and index correct)"] = (r => Craft(r, HostileEntry.Directory("usr"), HostileEntry.Directory("usr/bin"), HostileEntry.File("usr/bin/tiny", "#!/bin/sh\necho owned\n") with { Sha1 = new string('0', 40) }),
            ["package tiny-1.0-r0", "checksum mismatch for usr/bin/tiny: the package records SHA-1 0000000000000000000000000000000000000000"]),
        ["file without a checksum record (datahash and index correct)"] = (r => Craft(r, HostileEntry.Directory("usr"), HostileEntry.Directory("usr/bin"), HostileEntry.File("usr/bin/tiny", "#!/bin/sh\n") with { Sha1 = "" }),
            ["package tiny-1.0-r0", "usr/bin/tiny has no APK-TOOLS.checksum.SHA1 record"]),
        ["package signed by an impostor key with the trusted key's name"] = (r =>
            {
                r.AddPackage(new PackageInfo { Name = "tiny", Version = "2.0-r1", Arch = "x86_64", Origin = "tiny", Depends = ["base"] },
                    [PackEntry.File("usr/bin/tiny", "#!/bin/sh\necho impostor\n"u8.ToArray(), 0x1ED)], HostileKeys.Impostor);
                r.Index();
            }, ["package tiny-2.0-r1", "signature .SIGN.RSA256.hostile.rsa.pub does not verify with the trusted key hostile.rsa.pub"]),
        ["index signed by an unknown key"] = (r => r.Index(key: HostileKeys.Stranger),
            ["APKINDEX.tar.gz", "no signature with known key found", "stranger.rsa.pub"]),
        ["index signed by an impostor key with the trusted key's name"] = (r => r.Index(key: HostileKeys.Impostor),
            ["APKINDEX.tar.gz", "signature verification failed"]),
        ["unsigned index"] = (r => r.Index(unsigned: true), ["APKINDEX.tar.gz", "is not signed"]),
        ["signature over other bytes (taken from another index)"] = (r => GraftSignature(r), ["APKINDEX.tar.gz", "signature verification failed"]),
        ["flipped byte in the signed part of the index"] = (r => FlipIndex(r, i => i.Length - 10), ["APKINDEX.tar.gz", "signature verification failed"]),
        ["truncated index"] = (r => EditIndex(r, b => b[..(b.Length - 30)]), ["APKINDEX.tar.gz", "signature verification failed"]),
        ["extra file in the index archive (correctly signed)"] = (r => ExtraIndexEntry(r), ["APKINDEX.tar.gz", "unexpected file found in APKINDEX: evil"]),
        ["replayed older index (right key, other content)"] = (r => ReplayOlderIndex(r), ["package tiny-2.0-r1", "control hash mismatch"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Tampering_is_refused_with_a_specific_message(string name)
    {
        using var repo = new HostileRepository();
        string untouched = (await HostileBuild.RunAsync(repo.Configuration(), _cache.Combine("before"))).Digest;
        Assert.StartsWith("sha256:", untouched);

        (Action<HostileRepository> tamper, string[] expected) = Cases[name];
        tamper(repo);

        (ImageDslException error, _) = await HostileBuild.FailAsync(repo.Configuration(), _cache.Combine("after"));
        Assert.True(error.Kind == ErrorKind.Integrity, $"{error.Kind}: {error.Message}");
        foreach (string fragment in expected)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Fact]
    public void There_are_at_least_twenty_cases() => Assert.True(Cases.Count >= 20, $"{Cases.Count} cases");

    private static void Edit(HostileRepository r, Func<byte[], (GzipMember? Signature, GzipMember Control, long DataStart), byte[]> edit)
    {
        byte[] bytes = File.ReadAllBytes(r.PackagePath(Tiny));
        File.WriteAllBytes(r.PackagePath(Tiny), edit(bytes, HostileApk.Members(bytes)));
    }

    private static void Flip(HostileRepository r, Func<(GzipMember? Signature, GzipMember Control, long DataStart), long> at) =>
        Edit(r, (b, m) =>
        {
            long i = at(m);
            b[i < 0 ? b.Length + i : i] ^= 0x01;
            return b;
        });

    private static void Cut(HostileRepository r, Func<(GzipMember? Signature, GzipMember Control, long DataStart), long> length) =>
        Edit(r, (b, m) => b[..(int)length(m)]);

    /// <summary>Rewrites tiny's .PKGINFO (the datahash no longer matches), signs it and re-indexes, so only that is wrong.</summary>
    private static void Repack(HostileRepository r, Func<PackageInfo, PackageInfo> edit)
    {
        byte[] bytes = File.ReadAllBytes(r.PackagePath(Tiny));
        var (_, control, dataStart) = HostileApk.Members(bytes);
        byte[] pkginfo = SmallTarReader.Read(control.Content, "tiny").Single(e => e.Name == ".PKGINFO").Content;
        PackageInfo info = edit(PackageInfoText.Parse(Encoding.UTF8.GetString(pkginfo), "tiny"));
        byte[] text = Encoding.UTF8.GetBytes(PackageInfoText.Format(info));
        var tar = new MemoryStream();
        AbuildTar.Writer(tar).WriteEntry(AbuildTar.Entry(".PKGINFO", '0') with { Size = text.Length }, new MemoryStream(text));
        byte[] controlGz = GzipMemberWriter.Compress(tar.ToArray());
        byte[] signature = GzipMemberWriter.Compress(ApkPackageWriter.SignatureTar(HostileKeys.Trusted, controlGz, 0));
        File.WriteAllBytes(r.PackagePath(Tiny), [.. signature, .. controlGz, .. bytes[(int)dataStart..]]);
        IndexWithout(r, info);
    }

    /// <summary>Replaces tiny with a crafted tiny-1.0-r0 (correct datahash and index) holding <paramref name="entries"/>.</summary>
    private static void Craft(HostileRepository r, params HostileEntry[] entries)
    {
        File.Delete(r.PackagePath(Tiny));
        r.WriteRaw("tiny-1.0-r0.apk", HostileApk.Package("tiny", entries));
        r.Index();
    }

    /// <summary>Indexes the repository with tiny's record made from <paramref name="info"/> and its real control checksum (ScanDirectory would refuse the file).</summary>
    private static void IndexWithout(HostileRepository r, PackageInfo info)
    {
        byte[] bytes = File.ReadAllBytes(r.PackagePath(Tiny));
        var (_, control, _) = HostileApk.Members(bytes);
        string checksum = ApkChecksum.ToQ1(System.Security.Cryptography.SHA1.HashData(bytes.AsSpan((int)control.Start, (int)control.Length)));
        string baseFile = r.PackagePath("base-1.0-r0.apk");
        using ApkPackage basePackage = ApkPackageReader.Open(baseFile);
        File.WriteAllBytes(r.IndexPath, HostileRepository.IndexBytes(
            [ApkIndexEntry.From(basePackage), new ApkIndexEntry(info with { DataHash = null }, checksum, bytes.Length)], HostileKeys.Trusted));
    }

    private static void EditIndex(HostileRepository r, Func<byte[], byte[]> edit) => File.WriteAllBytes(r.IndexPath, edit(File.ReadAllBytes(r.IndexPath)));

    private static void FlipIndex(HostileRepository r, Func<byte[], int> at) => EditIndex(r, b =>
    {
        b[at(b)] ^= 0x01;
        return b;
    });

    /// <summary>The signature member of a different (validly signed) index in front of this index's content.</summary>
    private static void GraftSignature(HostileRepository r)
    {
        byte[] other = HostileRepository.IndexBytes([], HostileKeys.Trusted);
        byte[] mine = File.ReadAllBytes(r.IndexPath);
        using var a = new MemoryStream(other);
        using var b = new MemoryStream(mine);
        long otherSignatureEnd = GzipMemberReader.Read(a, 0, 1 << 20, "other").End;
        long mySignatureEnd = GzipMemberReader.Read(b, 0, 1 << 20, "mine").End;
        File.WriteAllBytes(r.IndexPath, [.. other[..(int)otherSignatureEnd], .. mine[(int)mySignatureEnd..]]);
    }

    /// <summary>A correctly signed index whose archive holds a third file.</summary>
    private static void ExtraIndexEntry(HostileRepository r)
    {
        string text = ApkIndexWriter.FormatIndex(ApkIndexWriter.ScanDirectory(r.ArchDirectory, HostileRepository.Arch));
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        foreach ((string name, string content) in new[] { ("DESCRIPTION", "x"), ("APKINDEX", text), ("evil", "#!/bin/sh\n") })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(content);
            builder.WriteEntry(AbuildTar.Entry(name, '0') with { Size = bytes.Length }, new MemoryStream(bytes));
        }
        builder.Finish();
        byte[] index = GzipMemberWriter.Compress(tar.ToArray());
        byte[] signature = GzipMemberWriter.Compress(ApkPackageWriter.SignatureTar(HostileKeys.Trusted, index, 0));
        File.WriteAllBytes(r.IndexPath, [.. signature, .. index]);
    }

    /// <summary>
    /// An old index (tiny 2.0-r1 as it was first built, validly signed) served after the package was rebuilt
    /// with other content under the same version: the records no longer describe the files.
    /// </summary>
    private static void ReplayOlderIndex(HostileRepository r)
    {
        byte[] oldIndex = File.ReadAllBytes(r.IndexPath);
        r.AddPackage(new PackageInfo { Name = "tiny", Version = "2.0-r1", Arch = "x86_64", Origin = "tiny", Depends = ["base"], BuildDate = 1800000000 },
            [PackEntry.File("usr/bin/tiny", "#!/bin/sh\necho rebuilt\n"u8.ToArray(), 0x1ED)]);
        File.WriteAllBytes(r.IndexPath, oldIndex);
    }
}
