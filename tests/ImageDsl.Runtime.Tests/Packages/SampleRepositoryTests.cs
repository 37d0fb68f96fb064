using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Packages;

public class SampleRepositoryTests
{
    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public void The_committed_sample_repository_verifies_with_the_sample_key(string arch)
    {
        var keyring = new Keyring([ApkPublicKey.FromFile(Fixtures.Repo("samples", "keys", "sample.rsa.pub"))]);
        string index = Fixtures.Repo("samples", "repo", arch, "APKINDEX.tar.gz");
        byte[] bytes = File.ReadAllBytes(index);
        GzipMember first = GzipMemberReader.Read(new MemoryStream(bytes), 0, 1 << 20, index);
        SignatureEntry signature = Assert.Single(SignatureEntry.ParseMember(first.Content, index));
        Assert.Equal(".SIGN.RSA256.sample.rsa.pub", signature.EntryNameText);
        Assert.True(keyring.Find(signature.KeyName)!.Verify(bytes.AsSpan((int)first.End), signature.Signature, signature.Type));

        var records = IndexText.Records(IndexText.ReadEntry(index));
        Assert.Equal(["hello-baselayout", "hello-world", "s6"], records.Select(r => r['P']));
        Assert.Equal("hello-baselayout", records[1]['D']);
        foreach (var record in records)
        {
            using ApkPackage package = ApkPackageReader.Open(Fixtures.Repo("samples", "repo", arch, $"{record['P']}-{record['V']}.apk"),
                new ApkPackageReaderOptions { ExpectedControlChecksum = record['C'], Keyring = keyring, SignaturePolicy = PackageSignaturePolicy.RequireTrusted });
            Assert.Equal(arch, package.Info.Arch);
            var entries = CraftedApk.Expand(package).ToDictionary(e => e.Path);
            if (record['P'] == "hello-world")
            {
                Assert.Equal(0x1ED, entries["usr/bin/hello"].Mode);
            }
            else if (record['P'] == "s6")
            {
                Assert.Equal(0x1ED, entries["bin/s6-svscan"].Mode); // the stand-in the sample service image runs
            }
            else
            {
                Assert.True(entries.ContainsKey("etc/os-release"));
                Assert.False(entries.ContainsKey("etc/passwd"));
            }
        }
    }
}
