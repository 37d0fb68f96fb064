using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Apk;

public class GzipMemberAndSignatureTests
{
    private static readonly string AlpineIndex = Fixtures.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz");
    private static readonly string AlpineKey = Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub");

    [Fact]
    public void Real_alpine_index_signature_verifies_over_the_bytes_after_the_first_member()
    {
        byte[] file = File.ReadAllBytes(AlpineIndex);
        using var stream = new MemoryStream(file);
        GzipMember signature = GzipMemberReader.Read(stream, 0, 1 << 20, AlpineIndex);
        var entries = SignatureEntry.ParseMember(signature.Content, AlpineIndex);
        SignatureEntry entry = Assert.Single(entries);
        Assert.Equal(SignatureType.Rsa, entry.Type);
        Assert.Equal("alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub", entry.KeyName);

        ApkPublicKey key = ApkPublicKey.FromFile(AlpineKey);
        Assert.True(key.Verify(file.AsSpan((int)signature.End), entry.Signature, entry.Type));

        byte[] flipped = (byte[])file.Clone();
        flipped[^100] ^= 1;
        Assert.False(key.Verify(flipped.AsSpan((int)signature.End), entry.Signature, entry.Type));
    }

    [Fact]
    public void Sha256_signed_index_verifies_with_its_key()
    {
        string index = Fixtures.Shared("rsa256-signed", "APKINDEX.tar.gz");
        byte[] file = File.ReadAllBytes(index);
        using var stream = new MemoryStream(file);
        GzipMember signature = GzipMemberReader.Read(stream, 0, 1 << 20, index);
        SignatureEntry entry = Assert.Single(SignatureEntry.ParseMember(signature.Content, index));
        Assert.Equal(SignatureType.Rsa256, entry.Type);
        var keyring = new Keyring([ApkPublicKey.FromFile(Fixtures.Shared("rsa256-signed", "test-rsa256.rsa.pub"))]);
        ApkPublicKey? key = keyring.Find(entry.KeyName);
        Assert.NotNull(key);
        Assert.True(key.Verify(file.AsSpan((int)signature.End), entry.Signature, entry.Type));
    }

    [Fact]
    public void Member_boundaries_split_a_package_into_signature_control_and_data()
    {
        string apk = Fixtures.Shared("rsa256-signed", "alpine-baselayout-3.2.0-r23.apk");
        using var stream = File.OpenRead(apk);
        GzipMember first = GzipMemberReader.Read(stream, 0, 1 << 20, apk);
        Assert.True(SignatureEntry.LooksLikeSignatureMember(first.Content));
        GzipMember control = GzipMemberReader.Read(stream, first.End, 1 << 24, apk);
        var entries = SmallTarReader.Read(control.Content, apk);
        Assert.Contains(entries, e => e.Name == ".PKGINFO");
        Assert.True(control.End < stream.Length);
    }

    [Fact]
    public void Signed_data_round_trips_through_our_private_key()
    {
        using ApkPrivateKey key = ApkPrivateKey.Generate("test.rsa.pub", 2048);
        byte[] data = "hello"u8.ToArray();
        byte[] signature = key.SignSha256(data);
        Assert.True(key.PublicKey.Verify(data, signature, SignatureType.Rsa256));
        Assert.False(key.PublicKey.Verify("hellO"u8, signature, SignatureType.Rsa256));
    }
}
