using System.Formats.Tar;
using System.IO.Compression;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Packages;

/// <summary>Tampered copies of a real package (signature 0..665, control 666..2228, data 2229..11011) are refused, each with its own message.</summary>
public class TamperedPackageTests
{
    private static readonly byte[] Original = File.ReadAllBytes(Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk"));
    private static readonly string IndexChecksum = IndexText.Checksum(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"), "alpine-baselayout", "3.2.0-r23");
    private static readonly Keyring AlpineKey = new([ApkPublicKey.FromFile(Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"))]);

    private static ImageDslException Refused(byte[] bytes, ApkPackageReaderOptions? options = null)
    {
        var error = Assert.Throws<ImageDslException>(() =>
        {
            using ApkPackage package = ApkPackageReader.Open(new MemoryStream(bytes), "tampered.apk", options);
            CraftedApk.Expand(package);
        });
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.NotNull(error.Hint);
        return error;
    }

    private static byte[] Flip(int offset)
    {
        byte[] copy = (byte[])Original.Clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    [Fact]
    public void The_untouched_copy_passes_every_check()
    {
        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(Original), "original.apk",
            new ApkPackageReaderOptions { ExpectedControlChecksum = IndexChecksum, Keyring = AlpineKey, SignaturePolicy = PackageSignaturePolicy.RequireTrusted });
        Assert.Equal(83, CraftedApk.Expand(package).Count);
    }

    [Fact]
    public void A_flipped_byte_in_the_signature_member_is_a_corrupt_member()
    {
        ImageDslException error = Refused(Flip(300));
        Assert.Contains("package tampered.apk: corrupt gzip member at offset 0", error.Message);
    }

    [Fact]
    public void A_changed_signature_fails_with_the_trusted_key()
    {
        // Re-pack the signature member with one bit of the RSA signature changed: valid gzip, bad signature.
        using var stream = new MemoryStream(Original);
        GzipMember signature = GzipMemberReader.Read(stream, 0, 1 << 20, "original");
        byte[] tar = (byte[])signature.Content.Clone();
        tar[512 + 100] ^= 0x01;
        byte[] bytes = [.. GzipMemberWriter.Compress(tar), .. Original.AsSpan(666)];

        ImageDslException error = Refused(bytes, new ApkPackageReaderOptions { Keyring = AlpineKey });
        Assert.Contains("package alpine-baselayout-3.2.0-r23 from tampered.apk: signature .SIGN.RSA.alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub does not verify", error.Message);
    }

    [Fact]
    public void A_changed_control_member_fails_the_index_checksum()
    {
        // Byte 4 of a gzip header is its MTIME: the member still inflates, but its bytes (and SHA-1) differ.
        byte[] bytes = Flip(666 + 4);
        ImageDslException error = Refused(bytes, new ApkPackageReaderOptions { ExpectedControlChecksum = IndexChecksum });
        Assert.Contains("control hash mismatch", error.Message);
        Assert.Contains(IndexChecksum, error.Message);

        ImageDslException signed = Refused(bytes, new ApkPackageReaderOptions { Keyring = AlpineKey });
        Assert.Contains("does not verify with the trusted key", signed.Message);
    }

    [Fact]
    public void A_flipped_byte_inside_the_control_deflate_data_is_a_corrupt_member()
    {
        ImageDslException error = Refused(Flip(1500), new ApkPackageReaderOptions { ExpectedControlChecksum = IndexChecksum });
        Assert.Contains("corrupt gzip member at offset 666", error.Message);
    }

    [Theory]
    [InlineData(2229 + 4)]
    [InlineData(6000)]
    [InlineData(11011)]
    public void A_changed_data_member_fails_the_datahash(int offset)
    {
        ImageDslException error = Refused(Flip(offset));
        Assert.Contains("data hash mismatch: .PKGINFO datahash is 1a3a8e47d2287da6d505d973412cee1ad64bcc17bc5995069e4e932055ecb0c4, the data member hashes to", error.Message);
    }

    [Fact]
    public void A_truncated_package_is_refused()
    {
        Assert.Contains("data hash mismatch", Refused(Original[..8000]).Message);
        Assert.Contains("corrupt gzip member at offset 666", Refused(Original[..1000]).Message);
        Assert.Contains("no control or data member", Refused(Original[..666]).Message);
        Assert.Contains("no data member", Refused(Original[..2229]).Message);
    }

    [Fact]
    public void Swapped_control_and_data_members_are_refused()
    {
        byte[] swapped = [.. Original.AsSpan(0, 666), .. Original.AsSpan(2229), .. Original.AsSpan(666, 2229 - 666)];
        Assert.Contains("its control member has no .PKGINFO", Refused(swapped).Message);
        Assert.Contains("control hash mismatch", Refused(swapped, new ApkPackageReaderOptions { ExpectedControlChecksum = IndexChecksum }).Message);
    }

    [Fact]
    public void Size_limits_stop_gzip_bombs()
    {
        Assert.Contains("decompresses to more than 1000 bytes",
            Refused(Original, new ApkPackageReaderOptions { MaxControlSize = 1000 }).Message);
        Assert.Contains("its data member decompresses to more than 100000 bytes",
            Refused(Original, new ApkPackageReaderOptions { MaxDataSize = 100_000 }).Message);
    }

    [Fact]
    public void A_wrong_file_checksum_is_refused_whether_the_content_is_read_or_skipped()
    {
        byte[] bytes = CraftedApk.Build([CraftedApk.Entry("etc", '5'), CraftedApk.File("etc/motd", "hello\n", sha1Hex: new string('0', 40))]);
        ImageDslException read = Refused(bytes);
        Assert.Contains("package crafted-1.0-r0 from tampered.apk: checksum mismatch for etc/motd: the package records SHA-1 0000000000000000000000000000000000000000, the content hashes to f572d396fae9206628714fb2ce00f72e94f2258f", read.Message);

        var skipped = Assert.Throws<ImageDslException>(() =>
        {
            using ApkPackage package = ApkPackageReader.Open(new MemoryStream(bytes), "tampered.apk");
            foreach (ApkDataEntry entry in package.ReadData())
            {
                // the caller never reads the content; the reader still verifies it
            }
        });
        Assert.Contains("checksum mismatch for etc/motd", skipped.Message);
    }

    [Fact]
    public void A_file_without_a_checksum_record_is_refused_unless_allowed()
    {
        byte[] bytes = CraftedApk.Build([(AbuildTar.Entry("motd", '0'), "hi"u8.ToArray())]);
        Assert.Contains("file motd has no APK-TOOLS.checksum.SHA1 record", Refused(bytes).Message);

        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(bytes), "x.apk", new ApkPackageReaderOptions { RequireFileChecksums = false });
        Assert.Null(Assert.Single(CraftedApk.Expand(package)).Checksum);
    }

    [Fact]
    public void Content_can_be_read_only_once_and_only_before_moving_on()
    {
        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(Original), "original.apk");
        ApkDataEntry? previous = null;
        foreach (ApkDataEntry entry in package.ReadData())
        {
            if (entry.Path == "etc/motd")
            {
                using Stream first = entry.OpenContent();
                Assert.Throws<InvalidOperationException>(() => entry.OpenContent());
                previous = entry;
            }
            else if (previous is not null)
            {
                Assert.Throws<InvalidOperationException>(() => previous.OpenContent());
                break;
            }
        }
        Assert.NotNull(previous);
    }

    [Fact]
    public void The_data_tar_is_readable_by_the_base_library_too()
    {
        // A cross-check that our reader agrees with System.Formats.Tar on names and types.
        using var gzip = new GZipStream(new MemoryStream(Original, 2229, Original.Length - 2229), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name.TrimEnd('/'));
        }
        using ApkPackage package = ApkPackageReader.Open(new MemoryStream(Original), "original.apk");
        Assert.Equal(names, package.ReadData().Select(e => e.Path));
    }
}
