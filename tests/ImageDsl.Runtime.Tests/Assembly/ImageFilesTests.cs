using System.Text;
using ImageDsl.Assembling.Busybox;
using ImageDsl.Assembling.Certificates;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Paths;
using ImageDsl.Assembling.Services;
using ImageDsl.Assembling.Skeleton;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Assembling;

public class ImageFilesTests
{
    private static FileTree NewImage()
    {
        var tree = new FileTree();
        ImageSkeleton.Create(tree, Architecture.Arm64);
        return tree;
    }

    [Fact]
    public void Skeleton_has_apk_files_devices_and_fixed_modes()
    {
        FileTree tree = NewImage();
        Assert.Equal("aarch64\n", Encoding.UTF8.GetString(tree.ReadAllBytes("etc/apk/arch")));
        Assert.Equal((UnixFileMode)0x3FF, tree.Get("tmp").Mode);
        Assert.Equal(1024, tree.Get("usr/lib/apk/db/scripts.tar").Size);
        FileNode null_ = tree.Get("dev/null");
        Assert.Equal((FileNodeType.CharacterDevice, 1, 3), (null_.Type, null_.DeviceMajor, null_.DeviceMinor));
        ImageSkeleton.LinkLegacyDatabase(tree);
        Assert.Equal("../usr/lib/apk", tree.Get("lib/apk", followSymlinks: false).LinkTarget);
    }

    [Fact]
    public void Path_mutations_apply_in_order_with_recursive_ownership()
    {
        FileTree tree = NewImage();
        PathMutator.Apply(tree,
        [
            new PathMutation { Path = "/srv/app/data", Type = PathMutationType.Directory, Permissions = 0x1C0 },
            new PathMutation { Path = "/srv/app/data/seed", Type = PathMutationType.EmptyFile, Permissions = 0x180 },
            new PathMutation { Path = "/srv/app/current", Type = PathMutationType.Symlink, Source = "data" },
            new PathMutation { Path = "/srv/app", Type = PathMutationType.Permissions, Uid = 1000, Gid = 1000, Recursive = true },
            new PathMutation { Path = "/usr/bin/tool", Type = PathMutationType.EmptyFile, Permissions = 0x9ED },
        ]);
        Assert.Equal((UnixFileMode)0x1C0, tree.Get("srv/app/data").Mode);
        Assert.Equal((1000, 1000), (tree.Get("srv/app/data/seed").Uid, tree.Get("srv/app/data/seed").Gid));
        Assert.Equal(0, tree.Get("srv/app/current", followSymlinks: false).Uid);
        Assert.Equal((UnixFileMode)0x9ED, tree.Get("usr/bin/tool").Mode); // setuid kept
    }

    [Fact]
    public void A_symlink_mutation_over_an_existing_file_is_refused()
    {
        FileTree tree = NewImage();
        var error = Assert.Throws<ImageDslException>(() => PathMutator.Apply(tree,
            [new PathMutation { Path = "/etc/apk/world", Type = PathMutationType.Symlink, Source = "/x" }]));
        Assert.Contains("/etc/apk/world already exists", error.Message);
    }

    [Fact]
    public void Services_become_execline_run_scripts()
    {
        FileTree tree = NewImage();
        ServiceInstaller.Install(tree, new ImageEntrypoint { Services = ValueMap.Of(("nginx", "/usr/sbin/nginx -g 'daemon off;'")) });
        Assert.Equal("#!/bin/execlineb\n/usr/sbin/nginx -g 'daemon off;'\n", Encoding.UTF8.GetString(tree.ReadAllBytes("sv/nginx/run")));
        Assert.Equal((UnixFileMode)0x1ED, tree.Get("sv/nginx/run").Mode);
    }

    [Fact]
    public void Ca_bundle_gets_the_extra_certificate_and_a_checksum_sidecar()
    {
        FileTree tree = NewImage();
        tree.MkdirAll("etc/ssl/certs");
        tree.WriteText("etc/ssl/certs/ca-certificates.crt", "EXISTING\n");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        string pem = cert.ExportCertificatePem();
        var date = DateTimeOffset.FromUnixTimeSeconds(1700000000);

        CertificateInstaller.Install(tree, new ImageCertificates { Additional = [new AdditionalCertificate("corp", pem)] }, new HashSet<string>(), date);
        CertificateInstaller.WriteChecksumSidecars(tree, date);

        string bundle = Encoding.UTF8.GetString(tree.ReadAllBytes("etc/ssl/certs/ca-certificates.crt"));
        Assert.StartsWith("EXISTING\n-----BEGIN CERTIFICATE-----", bundle);
        Assert.Single(tree.Get("usr/local/share/ca-certificates").ChildNames, n => n.StartsWith("corp-") && n.EndsWith(".crt"));
        string sidecar = Encoding.UTF8.GetString(tree.ReadAllBytes("etc/ssl/certs/.ca-certificates.crt.sha256"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(bundle))) + "  ca-certificates.crt\n", sidecar);
    }

    [Fact]
    public void Busybox_links_come_from_the_packages_path_list()
    {
        FileTree tree = NewImage();
        tree.MkdirAll("bin");
        tree.WriteFile("bin/busybox", [1, 2, 3], (UnixFileMode)0x1ED);
        tree.MkdirAll("etc/busybox-paths.d");
        tree.WriteText("etc/busybox-paths.d/busybox", "/bin/sh\n/usr/bin/env\n/bin/busybox\n");
        Assert.Equal(2, BusyboxLinks.Install(tree, "busybox"));
        Assert.Equal("/bin/busybox", tree.Get("usr/bin/env", followSymlinks: false).LinkTarget);
        Assert.Equal(0, BusyboxLinks.Install(new FileTree(), "busybox"));
    }

    [Fact]
    public void Without_a_path_list_busybox_links_come_from_the_table_for_its_version()
    {
        FileTree tree = NewImage();
        tree.MkdirAll("bin");
        tree.WriteFile("bin/busybox", [1, 2, 3], (UnixFileMode)0x1ED);
        tree.MkdirAll("usr/bin");
        tree.WriteText("usr/bin/env", "a real env, kept");

        IReadOnlyList<string> table = BusyboxAppletTable.LinksFor("1.35.0-r29")!;
        int made = BusyboxLinks.Install(tree, "busybox", "1.35.0-r29");

        Assert.Contains("bin/sh", table);
        Assert.Contains("usr/bin/env", table);
        Assert.Equal(table.Count(l => l != "bin/busybox" && l != "usr/bin/env"), made);
        Assert.Equal("/bin/busybox", tree.Get("bin/sh", followSymlinks: false).LinkTarget);
        Assert.Equal("/bin/busybox", tree.Get("bin/ls", followSymlinks: false).LinkTarget);
        Assert.Equal("a real env, kept", Encoding.UTF8.GetString(tree.ReadAllBytes("usr/bin/env")));
    }

    [Theory]
    [InlineData("1.35.0-r29", true)]
    [InlineData("v1.36.1", true)]
    [InlineData("1.20.2-r0", true)]   // below every version of the table: its oldest list
    [InlineData("1.35.0_git2024-r0", false)]
    [InlineData("1.35", false)]
    public void The_table_is_keyed_by_major_minor_patch(string version, bool found)
    {
        Assert.Equal(found, BusyboxAppletTable.LinksFor(version) is { Count: > 100 });
        FileTree tree = NewImage();
        tree.MkdirAll("bin");
        tree.WriteFile("bin/busybox", [1], (UnixFileMode)0x1ED);
        Assert.Equal(found, BusyboxLinks.Install(tree, "busybox", version) > 0);
    }
}
