using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

/// <summary>Small real images built straight into a tree: Debian's static busybox plus accounts.</summary>
internal static class TestImages
{
    public const string Busybox = "/bin/busybox";

    public static string RequireBusybox()
    {
        if (!File.Exists(Busybox))
        {
            throw new InvalidOperationException(
                "The test needs Debian's static busybox at /bin/busybox. Install it with: apt-get install -y --no-install-recommends busybox-static (./test.sh does this).");
        }
        return Busybox;
    }

    public static FileTree BusyboxTree()
    {
        string busybox = RequireBusybox();
        long size = new FileInfo(busybox).Length;
        var tree = new FileTree();
        foreach (string dir in new[] { "/bin", "/etc", "/proc", "/dev", "/sys", "/var" })
        {
            tree.MkdirAll(dir);
        }
        tree.MkdirAll("/tmp", (UnixFileMode)0x3FF);
        tree.MkdirAll("/root", (UnixFileMode)0x1C0);
        tree.MkdirAll("/home/app", (UnixFileMode)0x1C0, 1000, 1000);
        FileNode binary = tree.CreateFile("/bin/busybox", FileContent.FromSource(size, () => File.OpenRead(busybox)), (UnixFileMode)0x1ED);
        binary.Package = "busybox";
        foreach (string applet in new[] { "sh", "echo", "id", "pwd", "cat", "ls", "env" })
        {
            tree.Symlink("/bin/" + applet, applet == "sh" ? "/bin/busybox" : "busybox").Package = "busybox";
        }
        tree.WriteText("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:Account created by test:/home/app:/bin/sh\n");
        tree.WriteText("/etc/group", "root:x:0:\napp:x:1000:\n");
        tree.WriteText("/etc/os-release", "ID=testos\nNAME=\"Test OS\"\nVERSION_ID=1.0\n").Package = "test-baselayout";
        return tree;
    }

    public static ImageConfiguration Configuration() => new()
    {
        Entrypoint = new ImageEntrypoint { ShellFragment = "echo ok; id -u; pwd; echo $VAR" },
        Environment = ValueMap.Of(("VAR", "hello-from-config")),
        WorkDir = "/home/app",
        Accounts = new ImageAccounts { RunAs = "app" },
        Annotations = ValueMap.Of(("org.opencontainers.image.title", "Busybox"), ("org.opencontainers.image.vendor", "Tests")),
        VcsUrl = "https://example.com/repo.git@0123456789abcdef",
    };

    /// <summary>Builds one image per architecture into <paramref name="store"/> and indexes them.</summary>
    public static OciImageIndex Build(BlobStore store, params Architecture[] architectures)
    {
        ImageConfiguration configuration = Configuration();
        var images = architectures
            .Select(a => ImageWriter.WriteImage(new ImageRequest(BusyboxTree(), configuration, a), store))
            .ToArray();
        return ImageWriter.WriteIndex(images, configuration, DateTimeOffset.UnixEpoch, store);
    }
}
