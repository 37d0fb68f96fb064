using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Packages;

public class FixturePackageTests
{
    private static readonly string Baselayout = Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk");
    private static readonly string Mismatched = Fixtures.Shared("alpine-v3.17-main-aarch64", "alpine-baselayout-3.4.0-r0.MISMATCHED.apk");
    private static readonly string Wolfi = Fixtures.Shared("wolfi", "hello-wolfi-2.12.1-r0.apk");
    private static readonly string MelangeKey = Fixtures.Shared("apko-cli-repo", "melange.rsa.pub");

    private static Keyring AlpineKeys() =>
        new(Directory.GetFiles(Fixtures.Shared("alpine-keys"), "*.rsa.pub").Select(ApkPublicKey.FromFile));

    [Fact]
    public void Alpine_baselayout_verifies_against_its_index_checksum_and_its_signature()
    {
        string expected = IndexText.Checksum(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"), "alpine-baselayout", "3.2.0-r23");
        using ApkPackage package = ApkPackageReader.Open(Baselayout, new ApkPackageReaderOptions
        {
            ExpectedControlChecksum = expected,
            ExpectedName = "alpine-baselayout",
            ExpectedVersion = "3.2.0-r23",
            Keyring = AlpineKeys(),
            SignaturePolicy = PackageSignaturePolicy.RequireTrusted,
        });

        Assert.Equal(expected, package.ControlChecksum);
        Assert.Equal("1a3a8e47d2287da6d505d973412cee1ad64bcc17bc5995069e4e932055ecb0c4", package.DataHash);
        Assert.Equal(PackageSignatureStatus.Verified, package.SignatureStatus);
        Assert.Equal("alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub", package.VerifiedBy);
        Assert.Equal(11012, package.Size);
        Assert.Equal(new ApkMemberRange(666, 1563), package.ControlRange);
        Assert.Equal(2229, package.DataRange.Offset);

        PackageInfo info = package.Info;
        Assert.Equal(("alpine-baselayout", "3.2.0-r23", "aarch64"), (info.Name, info.Version, info.Arch));
        Assert.Equal(339968, info.InstalledSize);
        Assert.Equal(1662926906, info.BuildDate);
        Assert.Equal("GPL-2.0-only", info.License);
        Assert.Equal(["alpine-baselayout-data=3.2.0-r23", "/bin/sh", "so:libc.musl-aarch64.so.1"], info.Depends);
        Assert.Equal(["cmd:mkmntdirs=3.2.0-r23"], info.Provides);
        Assert.StartsWith("Buildozer", info.Packager);
        Assert.Empty(info.OtherFields);

        Assert.Equal([".post-install", ".post-upgrade", ".pre-install", ".pre-upgrade"], package.Scripts.Select(s => s.Name).Order());
        ControlFile preInstall = package.Scripts.Single(s => s.Name == ".pre-install");
        Assert.Equal(0x1ED, preInstall.Mode);
        Assert.StartsWith("#!/bin/sh", Encoding.UTF8.GetString(preInstall.Content));
    }

    [Fact]
    public void Alpine_baselayout_expands_into_directories_files_and_symlinks()
    {
        using ApkPackage package = ApkPackageReader.Open(Baselayout);
        var entries = new Dictionary<string, ApkDataEntry>();
        string? motd = null;
        foreach (ApkDataEntry entry in package.ReadData())
        {
            entries.Add(entry.Path, entry);
            if (entry.Path == "etc/motd")
            {
                using var reader = new StreamReader(entry.OpenContent());
                motd = reader.ReadToEnd();
            }
        }
        Assert.Equal(83, entries.Count); // as python's tarfile lists it
        Assert.StartsWith("Welcome to Alpine!", motd);

        Assert.Equal(ApkEntryType.Directory, entries["tmp"].Type);
        Assert.Equal(0x3FF, entries["tmp"].Mode); // 01777: the sticky bit survives
        Assert.Equal(0x1C0, entries["root"].Mode); // 0700
        Assert.Equal(0x180, entries["etc/crontabs/root"].Mode); // 0600

        ApkDataEntry run = entries["var/run"];
        Assert.Equal(ApkEntryType.SymbolicLink, run.Type);
        Assert.Equal("/run", run.LinkTarget);
        Assert.Equal("Q11/SNZz/8cK2dSKK+cJpVrZIuF4Q=", run.ChecksumQ1); // SHA-1 of "/run"

        ApkDataEntry mkmntdirs = entries["sbin/mkmntdirs"];
        Assert.Equal((ApkEntryType.RegularFile, 0x1ED, 5736L), (mkmntdirs.Type, mkmntdirs.Mode, mkmntdirs.Size));
        Assert.Equal("633e15c613b61158eedede92994a03b664d22be5", Convert.ToHexStringLower(mkmntdirs.Checksum!));
        Assert.Equal((0L, 0L, "root", "root", 1662926906L),
            (mkmntdirs.Uid, mkmntdirs.Gid, mkmntdirs.UserName, mkmntdirs.GroupName, mkmntdirs.ModificationTime));
        Assert.DoesNotContain(entries.Keys, k => k.StartsWith('/') || k.StartsWith("./", StringComparison.Ordinal) || k.EndsWith('/'));
    }

    [Fact]
    public void A_package_served_under_another_version_is_refused_with_both_checksums()
    {
        string index = Fixtures.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz");
        string expected = IndexText.Checksum(index, "alpine-baselayout", "3.4.0-r0");

        var error = Assert.Throws<ImageDslException>(() => ApkPackageReader.Open(Mismatched, new ApkPackageReaderOptions
        {
            ExpectedControlChecksum = expected,
            ExpectedName = "alpine-baselayout",
            ExpectedVersion = "3.4.0-r0",
        }, source: "https://dl-cdn.example/v3.17/main/aarch64/alpine-baselayout-3.4.0-r0.apk"));

        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("alpine-baselayout-3.4.0-r0", error.Message);
        Assert.Contains("https://dl-cdn.example/v3.17/main/aarch64/alpine-baselayout-3.4.0-r0.apk", error.Message);
        Assert.Contains("control hash mismatch", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("Q1LLq2qDNrS/qRnhxQ3hsY/sHbQnc=", error.Message);
    }

    [Fact]
    public void Without_an_index_checksum_the_name_asked_for_must_match_the_package()
    {
        var error = Assert.Throws<ImageDslException>(() => ApkPackageReader.Open(Mismatched,
            new ApkPackageReaderOptions { ExpectedName = "alpine-baselayout", ExpectedVersion = "3.4.0-r0" }));
        Assert.Contains("holds alpine-baselayout-3.2.0-r23", error.Message);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public void Melange_packages_verify_against_their_index_and_their_rsa256_signatures(string arch)
    {
        string dir = Fixtures.Shared("apko-cli-repo", arch);
        var keyring = new Keyring([ApkPublicKey.FromFile(MelangeKey)]);
        var records = IndexText.Records(IndexText.ReadEntry(Path.Combine(dir, "APKINDEX.tar.gz")));
        Assert.Equal(4, records.Count);
        foreach (var record in records)
        {
            string file = Path.Combine(dir, $"{record['P']}-{record['V']}.apk");
            using ApkPackage package = ApkPackageReader.Open(file, new ApkPackageReaderOptions
            {
                ExpectedControlChecksum = record['C'],
                Keyring = keyring,
                SignaturePolicy = PackageSignaturePolicy.RequireTrusted,
            });
            Assert.Equal(PackageSignatureStatus.Verified, package.SignatureStatus);
            Assert.Equal(SignatureType.Rsa256, Assert.Single(package.Signatures).Type);
            Assert.Equal(long.Parse(record['S']), package.Size);
            Assert.Equal(long.Parse(record['I']), package.Info.InstalledSize);
            Assert.Contains(package.ControlFiles, f => f.Name == ".melange.yaml");
            Assert.Empty(package.Scripts);

            List<ApkDataEntry> entries = CraftedApk.Expand(package);
            ApkDataEntry? osRelease = entries.FirstOrDefault(e => e.Path == "etc/os-release");
            if (osRelease is not null)
            {
                Assert.Equal((501L, 20L, "dialout"), (osRelease.Uid, osRelease.Gid, osRelease.GroupName)); // APK ownership is kept
            }
        }
    }

    [Fact]
    public void Replayout_declares_what_it_replaces()
    {
        using ApkPackage package = ApkPackageReader.Open(Fixtures.Shared("apko-cli-repo", "x86_64", "replayout-1.0.0-r0.apk"));
        Assert.Equal(["pretend-baselayout"], package.Info.Replaces);
        Assert.Equal(["pretend-baselayout"], package.Info.Depends);
    }

    [Fact]
    public void Wolfi_package_verifies_and_expands_its_larger_data_stream()
    {
        var log = new List<string>();
        using ApkPackage package = ApkPackageReader.Open(Wolfi, new ApkPackageReaderOptions { Keyring = AlpineKeys(), Log = log.Add });
        Assert.Equal(PackageSignatureStatus.UnknownKey, package.SignatureStatus);
        Assert.Contains(log, l => l.Contains(".SIGN.RSA.melange.rsa.pub") && l.Contains("not in the keyring"));
        Assert.Equal("3a6c21f20a07bebf261162b5ab13cb041d7c1cc3e1edc644aaa99f109f87d887", package.DataHash);

        List<ApkDataEntry> entries = CraftedApk.Expand(package);
        ApkDataEntry hello = entries.Single(e => e.Path == "usr/bin/hello");
        Assert.Equal((47736L, 0x1ED), (hello.Size, hello.Mode));
        Assert.True(entries.Count(e => e.Type == ApkEntryType.RegularFile) > 40);
    }

    [Fact]
    public void Wolfi_package_is_refused_by_a_different_key_with_the_same_name()
    {
        // hello-wolfi was signed by Wolfi's own melange.rsa, not the apko test key of the same file name:
        // a trusted key that does not verify is an error, never a silent pass.
        var keyring = new Keyring([ApkPublicKey.FromFile(MelangeKey)]);
        var error = Assert.Throws<ImageDslException>(() => ApkPackageReader.Open(Wolfi, new ApkPackageReaderOptions { Keyring = keyring }));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("hello-wolfi-2.12.1-r0", error.Message);
        Assert.Contains(".SIGN.RSA.melange.rsa.pub does not verify with the trusted key melange.rsa.pub", error.Message);

        using ApkPackage ignored = ApkPackageReader.Open(Wolfi, new ApkPackageReaderOptions
        {
            Keyring = keyring,
            SignaturePolicy = PackageSignaturePolicy.Ignore,
        });
        Assert.Equal(PackageSignatureStatus.NotChecked, ignored.SignatureStatus);
    }

    [Fact]
    public void Requiring_a_trusted_signature_refuses_a_package_signed_by_an_unknown_key()
    {
        var error = Assert.Throws<ImageDslException>(() => ApkPackageReader.Open(Wolfi, new ApkPackageReaderOptions
        {
            SignaturePolicy = PackageSignaturePolicy.RequireTrusted,
        }));
        Assert.Contains("signed only by keys not in the keyring (melange.rsa.pub)", error.Message);
    }

    [Fact]
    public void A_corrupt_package_asked_for_by_name_is_named_in_the_error()
    {
        byte[] bytes = File.ReadAllBytes(Baselayout);
        bytes[1500] ^= 1;
        var error = Assert.Throws<ImageDslException>(() => ApkPackageReader.Open(new MemoryStream(bytes), "https://repo.example/x.apk",
            new ApkPackageReaderOptions { ExpectedName = "alpine-baselayout", ExpectedVersion = "3.2.0-r23" }));
        Assert.StartsWith("package alpine-baselayout-3.2.0-r23 from https://repo.example/x.apk: corrupt gzip member at offset 666", error.Message);
    }
}
