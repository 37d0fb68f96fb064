using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Apk;

public class ApkIndexTests
{
    private static readonly ApkRepository Repo = ApkRepository.Parse("https://example.test/main");

    [Fact]
    public void Real_alpine_index_verifies_with_its_key_and_parses_every_record()
    {
        ApkIndex index = TestIndexes.Alpine317;
        Assert.Equal("alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub", index.VerifiedBy);
        Assert.Equal(5004, index.Packages.Count);
        Assert.Equal("v3.17.3-216-g54a39ace82a", index.Description);

        PackageRecord busybox = Assert.Single(index.Packages, p => p.Name == "busybox");
        Assert.Equal("1.35.0-r29", busybox.Version);
        Assert.Equal(ApkVersion.Parse("1.35.0-r29"), busybox.ParsedVersion);
        Assert.Equal("aarch64", busybox.Arch);
        Assert.Equal(522926, busybox.Size);
        Assert.Equal(1040384, busybox.InstalledSize);
        Assert.Equal("GPL-2.0-only", busybox.License);
        Assert.Equal("Sören Tempel <soeren+alpine@soeren-tempel.net>", busybox.Maintainer);
        Assert.Equal(1668852790, busybox.BuildTime);
        Assert.Equal("1dbf7a793afae640ea643a055b6dd4f430ac116b", busybox.Commit);
        Assert.Equal("Q1BhTjwJVL4Zcygd+DWS09r4nMThA=", busybox.ChecksumText);
        Assert.Equal(20, busybox.Checksum!.Length);
        Assert.Equal("so:libc.musl-aarch64.so.1", Assert.Single(busybox.Dependencies).Name);
        PackageConstraint provide = Assert.Single(busybox.Provides);
        Assert.Equal("cmd:busybox", provide.Name);
        Assert.Equal("1.35.0-r29", provide.Version.VersionText);
        Assert.Equal("https://dl-cdn.alpinelinux.org/alpine/v3.17/main/aarch64/busybox-1.35.0-r29.apk", busybox.PackageUrl);

        // Repeated values are shared, not copied per record.
        var musl = index.Packages.Where(p => p.Dependencies.Any(d => d.Name == "so:libc.musl-aarch64.so.1"))
            .Select(p => p.Dependencies.First(d => d.Name == "so:libc.musl-aarch64.so.1")).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.Equal(1, musl);
        Assert.Single(index.Packages.Select(p => p.Arch).Distinct(ReferenceEqualityComparer.Instance));
        Assert.Contains(index.Packages, p => p.InstallIf.Count > 0);
        Assert.Contains(index.Packages, p => p.ProviderPriority > 0);
    }

    [Fact]
    public void Another_alpine_key_is_refused_naming_the_signing_key_and_the_keys_we_have()
    {
        var other = new Keyring([ApkPublicKey.FromFile(Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub"))]);
        var error = Assert.Throws<ImageDslException>(() => Read(File.ReadAllBytes(TestIndexes.AlpineIndexPath), other));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("no signature with known key", error.Message);
        Assert.Contains("alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub", error.Message);
        Assert.Contains("alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub", error.Message);
        Assert.Contains("--keyring-append", error.Hint);
    }

    [Fact]
    public void A_flipped_byte_fails_verification_naming_the_key_and_the_index()
    {
        byte[] file = File.ReadAllBytes(TestIndexes.AlpineIndexPath);
        file[^100] ^= 1;
        var error = Assert.Throws<ImageDslException>(() => Read(file, AlpineKeyring()));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("signature verification failed", error.Message);
        Assert.Contains("616ae350", error.Message);
        Assert.Contains("https://example.test/main/aarch64/APKINDEX.tar.gz", error.Message);
    }

    [Fact]
    public void The_right_key_name_with_the_wrong_key_content_fails_verification()
    {
        string otherPem = File.ReadAllText(Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub"));
        var impostor = new Keyring([ApkPublicKey.FromPem("alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub", otherPem, "test")]);
        var error = Assert.Throws<ImageDslException>(() => Read(File.ReadAllBytes(TestIndexes.AlpineIndexPath), impostor));
        Assert.Contains("signature verification failed", error.Message);
    }

    [Fact]
    public void An_unsigned_index_is_refused_unless_signatures_are_ignored()
    {
        byte[] file = File.ReadAllBytes(TestIndexes.AlpineIndexPath);
        long start = IndexSignatures.Locate(file, "alpine").SignedContentStart;
        byte[] stripped = file[(int)start..];
        var error = Assert.Throws<ImageDslException>(() => Read(stripped, AlpineKeyring()));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("is not signed", error.Message);
        Assert.Contains("--ignore-signatures", error.Hint);

        ApkIndex index = Read(stripped, keyring: null);
        Assert.Equal(5004, index.Packages.Count);
        Assert.Null(index.VerifiedBy);
    }

    [Fact]
    public void No_keys_at_all_says_which_option_adds_one()
    {
        var error = Assert.Throws<ImageDslException>(() => Read(File.ReadAllBytes(TestIndexes.AlpineIndexPath), new Keyring([])));
        Assert.Contains("no keys provided", error.Message);
        Assert.Contains("contents.keyring", error.Hint);
        Assert.Contains("-k/--keyring-append", error.Hint);
    }

    [Fact]
    public void Rsa256_signed_fixture_verifies_with_its_key()
    {
        byte[] file = File.ReadAllBytes(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"));
        var keyring = new Keyring([ApkPublicKey.FromFile(Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"))]);
        ApkIndex index = Read(file, keyring);
        Assert.Equal("test-rsa256.rsa.pub", index.VerifiedBy);
        Assert.Equal("alpine-baselayout", Assert.Single(index.Packages).Name);
    }

    [Fact]
    public void Any_one_trusted_signature_suffices()
    {
        using var unknown = ApkPrivateKey.Generate("unknown.rsa.pub", 2048);
        using var broken = ApkPrivateKey.Generate("broken.rsa.pub", 2048);
        using var good = ApkPrivateKey.Generate("good.rsa.pub", 2048);
        byte[] content = TestIndexes.IndexArchive(TestIndexes.Record("a", "1.0-r0"));
        // Signatures: broken (does not verify), good, unknown (key not trusted).
        byte[] archive = TestIndexes.Sign(content, good, more: [unknown], corrupt: [broken]);
        ApkIndex index = Read(archive, new Keyring([broken.PublicKey, good.PublicKey]));
        Assert.Equal("good.rsa.pub", index.VerifiedBy);
        Assert.Equal(3, index.Signatures.Signatures.Count);

        var error = Assert.Throws<ImageDslException>(() => Read(archive, new Keyring([broken.PublicKey])));
        Assert.Contains("signature verification failed", error.Message);
        Assert.Contains("broken.rsa.pub", error.Message);
    }

    [Fact]
    public void Fields_are_parsed_including_replaces_and_unknown_letters_are_ignored()
    {
        string text = "P:foo\nV:1.2.3-r4\nA:noarch\nS:10\nI:20\nT:Foo tool\nU:https://foo.test\nL:MIT\no:foo-src\n" +
            "m:Someone <s@x>\nt:1700000000\nc:abc123\nD:bar>=2 !baz so:libc.musl-x86_64.so.1\np:cmd:foo=1.2.3-r4 virtual\n" +
            "i:bar foo-base=1.0\nk:100\nr:old-foo other\nC:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=\nZ:future field\nq:whatever\n\n" +
            "P:\nV:1.0\n\n" +
            "P:last\nV:2.0\nC:X2sha256-ignored";
        ApkIndex index = ApkIndex.ParseText(new MemoryStream(Encoding.UTF8.GetBytes(text)), Repo, "x86_64", "test");
        Assert.Equal(2, index.Packages.Count);
        PackageRecord foo = index.Packages[0];
        Assert.Equal(("foo", "1.2.3-r4", "noarch", 10L, 20L), (foo.Name, foo.Version, foo.Arch, foo.Size, foo.InstalledSize));
        Assert.Equal(("Foo tool", "https://foo.test", "MIT", "foo-src"), (foo.Description, foo.Url, foo.License, foo.Origin));
        Assert.Equal(("Someone <s@x>", 1700000000L, "abc123", 100L), (foo.Maintainer, foo.BuildTime, foo.Commit, foo.ProviderPriority));
        Assert.Equal(["bar>=2", "!baz", "so:libc.musl-x86_64.so.1"], foo.Dependencies.Select(d => d.Text));
        Assert.True(foo.Dependencies[1].IsConflict);
        Assert.Equal(["cmd:foo=1.2.3-r4", "virtual"], foo.Provides.Select(d => d.Text));
        Assert.Equal(["bar", "foo-base=1.0"], foo.InstallIf.Select(d => d.Text));
        Assert.Equal(["old-foo", "other"], foo.Replaces);
        Assert.Equal(new byte[20], foo.Checksum);
        Assert.Equal("https://example.test/main/x86_64/foo-1.2.3-r4.apk", foo.PackageUrl);
        // A last record with no blank line after it is kept; a non-Q1 checksum is ignored.
        Assert.Equal("last", index.Packages[1].Name);
        Assert.Null(index.Packages[1].Checksum);
    }

    [Theory]
    [InlineData("P:a\nV:1\n\nX\n", "line 4: expected len >= 2")]
    [InlineData("P:a\nV:1\nPV\n", "line 3: expected \":\" not found")]
    [InlineData("P:a\nS:big\n", "line 2: cannot parse size field \"big\"")]
    [InlineData("P:a\nk:-1\n", "line 2: cannot parse provider priority")]
    [InlineData("P:a\nC:Q1***\n", "line 2: checksum")]
    public void Malformed_lines_are_errors_naming_the_line(string text, string expected)
    {
        var error = Assert.Throws<ImageDslException>(() =>
            ApkIndex.ParseText(new MemoryStream(Encoding.UTF8.GetBytes(text)), Repo, "x86_64", "https://example.test/main/x86_64/APKINDEX.tar.gz"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("https://example.test/main/x86_64/APKINDEX.tar.gz: APKINDEX", error.Message);
    }

    [Fact]
    public void An_archive_with_other_files_is_refused()
    {
        byte[] archive = TestIndexes.TarGz(("APKINDEX", TestIndexes.Record("a", "1")), ("evil.sh", "rm -rf /"));
        var error = Assert.Throws<ImageDslException>(() => Read(archive, keyring: null));
        Assert.Contains("unexpected file found in APKINDEX: evil.sh", error.Message);
    }

    [Fact]
    public void An_index_bigger_than_the_limit_is_refused()
    {
        string big = string.Concat(Enumerable.Range(0, 2000).Select(i => TestIndexes.Record("p" + i, "1.0")));
        byte[] archive = TestIndexes.IndexArchive(big);
        var error = Assert.Throws<ImageDslException>(() =>
            ApkIndex.Read(archive, Repo, "aarch64", "test", keyring: null, maxDecompressedSize: 64 * 1024));
        Assert.Contains("decompresses to more than 65536 bytes", error.Message);
        Assert.Equal(2000, ApkIndex.Read(archive, Repo, "aarch64", "test", keyring: null, maxDecompressedSize: -1).Packages.Count);
    }

    [Fact]
    public void A_long_line_is_read_across_buffer_refills()
    {
        string provides = string.Join(' ', Enumerable.Range(0, 20000).Select(i => $"cmd:tool{i}=1.0-r0"));
        string text = TestIndexes.Record("coq", "8.16", "p:" + provides);
        ApkIndex index = ApkIndex.ParseText(new MemoryStream(Encoding.UTF8.GetBytes(text)), Repo, "x86_64", "test");
        Assert.Equal(20000, Assert.Single(index.Packages).Provides.Count);
    }

    [Fact]
    public void A_truncated_archive_is_an_integrity_error()
    {
        byte[] archive = TestIndexes.IndexArchive(TestIndexes.Record("a", "1"));
        var error = Assert.Throws<ImageDslException>(() => Read(archive[..(archive.Length / 2)], keyring: null));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
    }

    private static Keyring AlpineKeyring() => new([ApkPublicKey.FromFile(TestIndexes.AlpineKeyPath)]);

    private static ApkIndex Read(byte[] archive, Keyring? keyring) =>
        ApkIndex.Read(archive, Repo, "aarch64", Repo.IndexUrl("aarch64"), keyring);
}
