using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Assembling.ApkDatabase;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Install;
using ImageDsl.Assembling.Skeleton;
using ImageDsl.Model;

namespace ImageDsl.Tests.Assembling;

public class PackageInstallerTests
{
    private static readonly Keyring Melange = new([ApkPublicKey.FromFile(Fixtures.Shared("apko-cli-repo", "melange.rsa.pub"))]);

    private static ApkPackage Open(string path, Keyring keyring) =>
        ApkPackageReader.Open(path, new ApkPackageReaderOptions { Keyring = keyring });

    [Fact]
    public void Replacing_package_takes_over_the_file_and_the_database_follows()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        ImageSkeleton.Create(tree, Architecture.Amd64);
        using var spill = new ContentSpill(temp.Path);
        var installer = new PackageInstaller(tree, spill);
        using (ApkPackage baseLayout = Open(Fixtures.Shared("apko-cli-repo", "x86_64", "pretend-baselayout-1.0.0-r0.apk"), Melange))
        {
            installer.Install(baseLayout);
        }
        using (ApkPackage replayout = Open(Fixtures.Shared("apko-cli-repo", "x86_64", "replayout-1.0.0-r0.apk"), Melange))
        {
            installer.Install(replayout);
        }

        FileNode osRelease = tree.Get("etc/os-release");
        Assert.Equal("replayout", osRelease.Package);
        string db = InstalledDatabaseWriter.Format(installer.Database);
        string[] records = db.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, records.Length);
        Assert.DoesNotContain("R:os-release", records[0]); // taken over
        Assert.Contains("R:os-release", records[1]);
        Assert.Contains("a:501:20:0644", records[1]);        // the APK's ownership, recorded
        Assert.Equal((501, 20), (osRelease.Uid, osRelease.Gid)); // and applied (apko writes 0:0)
    }

    [Fact]
    public void Two_unrelated_packages_writing_one_path_conflict_with_both_names()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        ImageSkeleton.Create(tree, Architecture.Amd64);
        tree.MkdirAll("etc");
        tree.WriteText("etc/os-release", "ID=made-by-the-build\n");
        using var spill = new ContentSpill(temp.Path);
        var installer = new PackageInstaller(tree, spill);
        using ApkPackage baseLayout = Open(Fixtures.Shared("apko-cli-repo", "x86_64", "pretend-baselayout-1.0.0-r0.apk"), Melange);
        var error = Assert.ThrowsAny<ImageDsl.Errors.ImageDslException>(() => installer.Install(baseLayout));
        Assert.Contains("/etc/os-release", error.Message);
        Assert.Contains("pretend-baselayout", error.Message);
    }

    [Fact]
    public void Sample_packages_install_with_their_content_and_modes()
    {
        using var temp = new TempDirectory();
        var keyring = new Keyring([ApkPublicKey.FromFile(Fixtures.Repo("samples", "keys", "sample.rsa.pub"))]);
        var tree = new FileTree();
        ImageSkeleton.Create(tree, Architecture.Arm64);
        using var spill = new ContentSpill(temp.Path);
        var installer = new PackageInstaller(tree, spill);
        foreach (string name in new[] { "hello-baselayout-1.0.0-r0.apk", "hello-world-1.0.0-r0.apk" })
        {
            using ApkPackage package = Open(Fixtures.Repo("samples", "repo", "aarch64", name), keyring);
            Assert.Equal(PackageSignatureStatus.Verified, package.SignatureStatus);
            installer.Install(package);
        }
        Assert.Equal((UnixFileMode)0x1ED, tree.Get("usr/bin/hello").Mode);
        Assert.Contains("ID=imagedsl-sample", Encoding.UTF8.GetString(tree.ReadAllBytes("etc/os-release")));
        Assert.Equal(["hello-baselayout", "hello-world"], installer.Installed.Select(p => p.Name));
    }
}
