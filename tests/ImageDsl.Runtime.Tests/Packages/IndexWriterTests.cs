using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Packages;

public class IndexWriterTests
{
    [Fact]
    public void Our_index_of_the_melange_repository_has_the_same_records_as_melange_wrote()
    {
        string dir = Fixtures.Shared("apko-cli-repo", "x86_64");
        var ours = IndexText.Records(ApkIndexWriter.FormatIndex(ApkIndexWriter.ScanDirectory(dir, "x86_64")));
        var theirs = IndexText.Records(IndexText.ReadEntry(Path.Combine(dir, "APKINDEX.tar.gz")));
        Assert.Equal(theirs.Count, ours.Count);
        for (int i = 0; i < ours.Count; i++)
        {
            // melange omits an empty U: and writes t:0; apk-tools (and we) always write T, U and L, and omit t:0.
            // We also write r: (replaces), which apk-tools keeps out of indexes; apko and apk ignore it there.
            Assert.Equal(theirs[i].Where(f => f.Key != 't'), ours[i].Where(f => f.Key is not ('U' or 't' or 'r')));
        }
    }

    [Fact]
    public void Records_follow_apk_field_order_as_in_the_alpine_index()
    {
        using ApkPackage package = ApkPackageReader.Open(Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk"));
        string ours = ApkIndexWriter.FormatIndex([ApkIndexEntry.From(package)]);
        string theirs = IndexText.ReadEntry(Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz"));
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void A_signed_index_verifies_over_the_bytes_after_the_first_member_and_is_deterministic()
    {
        using ApkPrivateKey key = ApkPrivateKey.Generate("index-test.rsa.pub", 2048);
        using ApkPackage package = ApkPackageReader.Open(Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk"));
        byte[] index = ApkIndexWriter.Write([ApkIndexEntry.From(package)], "test repo", key);
        Assert.Equal(index, ApkIndexWriter.Write([ApkIndexEntry.From(package)], "test repo", key));

        using var stream = new MemoryStream(index);
        GzipMember first = GzipMemberReader.Read(stream, 0, 1 << 20, "index");
        SignatureEntry signature = Assert.Single(SignatureEntry.ParseMember(first.Content, "index"));
        Assert.Equal((SignatureType.Rsa256, "index-test.rsa.pub"), (signature.Type, signature.KeyName));
        Assert.True(key.PublicKey.Verify(index.AsSpan((int)first.End), signature.Signature, signature.Type));

        GzipMember body = GzipMemberReader.Read(stream, first.End, 1 << 20, "index");
        Assert.Equal(index.Length, body.End);
        Assert.Equal(["DESCRIPTION", "APKINDEX"], SmallTarReader.Read(body.Content, "index").Select(e => e.Name));
        Assert.Equal("test repo", System.Text.Encoding.UTF8.GetString(SmallTarReader.Read(body.Content, "index")[0].Content));
    }

    [Fact]
    public void Records_are_sorted_by_name_then_version()
    {
        static ApkIndexEntry E(string name, string version) => new(new PackageInfo { Name = name, Version = version, Arch = "x86_64" }, "Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=", 1);
        string text = ApkIndexWriter.FormatIndex([E("b", "1.10-r0"), E("a", "2-r0"), E("b", "1.9-r0"), E("b", "1.9-r10"), E("b", "1.9-r2")]);
        Assert.Equal(["a 2-r0", "b 1.9-r0", "b 1.9-r2", "b 1.9-r10", "b 1.10-r0"],
            IndexText.Records(text).Select(r => $"{r['P']} {r['V']}"));
    }

    [Fact]
    public void A_package_of_another_arch_in_an_arch_folder_is_an_error()
    {
        var error = Assert.Throws<ImageDsl.Errors.ImageDslException>(() =>
            ApkIndexWriter.ScanDirectory(Fixtures.Shared("apko-cli-repo", "aarch64"), "x86_64"));
        Assert.Contains("is a aarch64 package, but this is the x86_64 folder", error.Message);
    }
}
