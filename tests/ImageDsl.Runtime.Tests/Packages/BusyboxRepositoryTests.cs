using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Packages;

public class BusyboxRepositoryTests
{
    [Fact]
    public void The_busybox_test_repository_is_a_signed_index_of_a_verifiable_package()
    {
        using var dir = new TempDirectory();
        TestRepository repo = TestRepositories.CreateBusyboxRepository(dir.Path, "x86_64");
        TestRepository other = TestRepositories.CreateBusyboxRepository(dir.Path, "aarch64", appletLinks: true);
        Assert.Equal(repo.PublicKeyPath, other.PublicKeyPath); // one key for the whole repository

        var keyring = new Keyring([ApkPublicKey.FromFile(repo.PublicKeyPath)]);
        byte[] index = File.ReadAllBytes(repo.IndexPath);
        GzipMember first = GzipMemberReader.Read(new MemoryStream(index), 0, 1 << 20, repo.IndexPath);
        SignatureEntry signature = Assert.Single(SignatureEntry.ParseMember(first.Content, repo.IndexPath));
        Assert.True(keyring.Find(signature.KeyName)!.Verify(index.AsSpan((int)first.End), signature.Signature, signature.Type));

        var record = IndexText.Records(IndexText.ReadEntry(repo.IndexPath)).Single();
        Assert.Equal(("busybox", repo.Version), (record['P'], record['V']));
        Assert.Contains("cmd:sh=" + repo.Version, record['p']);
        using ApkPackage package = ApkPackageReader.Open(repo.PackagePath, new ApkPackageReaderOptions
        {
            ExpectedControlChecksum = record['C'],
            Keyring = keyring,
            SignaturePolicy = PackageSignaturePolicy.RequireTrusted,
        });
        var entries = CraftedApk.Expand(package).ToDictionary(e => e.Path);
        Assert.Equal((0x1ED, new FileInfo(TestRepositories.BusyboxBinary).Length), (entries["bin/busybox"].Mode, entries["bin/busybox"].Size));
        Assert.Equal("/bin/busybox", entries["bin/sh"].LinkTarget);
        Assert.True(entries.ContainsKey("etc/busybox-paths.d/busybox"));
        Assert.DoesNotContain("usr/bin/wc", entries.Keys);

        using ApkPackage withLinks = ApkPackageReader.Open(other.PackagePath);
        Assert.Contains(withLinks.ReadData(), e => e.Path == "usr/bin/wc" && e.LinkTarget == "/bin/busybox");
    }
}
