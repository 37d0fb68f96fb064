using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Tests.Oci;

namespace ImageDsl.Tests.Cpio;

/// <summary>`build-cpio`'s archive, listed and unpacked by GNU cpio.</summary>
public class LayerCpioTests
{
    private static string Cpio(string archive, params string[] args)
    {
        string cpio = RequiredTool.Find("cpio", "cpio");
        ProcessResult result = ProcessRunner.Run("/bin/sh", ["-c", $"\"{cpio}\" {string.Join(' ', args)} < \"{archive}\""]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    private static (string Archive, OciImage Image) Write(TempDirectory work, FileTree tree)
    {
        var store = new BlobStore(work.Combine("store"));
        OciImage image = ImageWriter.WriteImage(new ImageRequest(tree, TestImages.Configuration(), Architecture.Amd64), store);
        string archive = work.Combine("image.cpio");
        using (FileStream file = File.Create(archive))
        {
            LayerCpio.Write(store, image.Layers, file, CancellationToken.None);
        }
        return (archive, image);
    }

    private static FileTree Tree()
    {
        FileTree tree = TestImages.BusyboxTree();
        tree.WriteText("/home/app/notes", "hello\n").Mode = (UnixFileMode)0x1A0; // 0640
        tree.Chown("/home/app/notes", 1000, 1000);
        tree.MkdirAll("/usr/share");
        tree.WriteText("/usr/share/one", "same body\n");
        tree.Hardlink("/usr/share/two", "/usr/share/one");
        tree.Mknod("/dev/null", FileNodeType.CharacterDevice, (UnixFileMode)0x1B6, 1, 3);
        tree.WriteText("/.profile", "export A=1\n");
        return tree;
    }

    private static string NameOf(string line)
    {
        int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
        string head = arrow < 0 ? line : line[..arrow];
        return head[(head.LastIndexOf(' ') + 1)..];
    }

    private static string[] Pick(string[] fields, params int[] indexes) => indexes.Select(i => fields[i]).ToArray();

    [Fact]
    public void The_listing_has_every_path_with_its_owner_and_mode()
    {
        using var work = new TempDirectory();
        (string archive, _) = Write(work, Tree());

        string[] names = Cpio(archive, "-t", "--quiet").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (string expected in new[] { "bin", "bin/busybox", "bin/sh", "etc/passwd", "home/app", "home/app/notes", "tmp", "root", "dev/null", ".profile", "usr/share/one", "usr/share/two" })
        {
            Assert.Contains(expected, names);
        }
        Assert.Equal(names.Length, names.Distinct().Count());

        // -tv --numeric-uid-gid: mode, links, uid, gid, size (or device), date, name.
        Dictionary<string, string[]> listing = Cpio(archive, "-tv", "--numeric-uid-gid", "--quiet")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(NameOf, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["drwx------", "1000", "1000"], Pick(listing["home/app"], 0, 2, 3));
        Assert.Equal(["-rw-r-----", "1000", "1000", "6"], Pick(listing["home/app/notes"], 0, 2, 3, 4));
        Assert.Equal("drwxrwxrwt", listing["tmp"][0]); // 1777: the sticky bit survives
        Assert.Equal(["-rwxr-xr-x", "0", "0"], Pick(listing["bin/busybox"], 0, 2, 3));
        Assert.Equal("lrwxrwxrwx", listing["bin/sh"][0]);
        Assert.Equal("crw-rw-rw-", listing["dev/null"][0]);
        Assert.Equal("2", listing["usr/share/one"][1]); // the hard link is kept
        Assert.Equal("2", listing["usr/share/two"][1]);
    }

    [Fact]
    public void Unpacking_gives_the_same_contents_links_and_hard_links()
    {
        using var work = new TempDirectory();
        (string archive, _) = Write(work, Tree());
        string root = work.Combine("root");
        Directory.CreateDirectory(root);
        string cpio = RequiredTool.Find("cpio", "cpio");
        // Devices need root to create; the rest is checked without them.
        ProcessResult result = ProcessRunner.Run("/bin/sh", ["-c", $"cd \"{root}\" && \"{cpio}\" -id --no-absolute-filenames --quiet --nonmatching 'dev/*' < \"{archive}\""]);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(root, "home/app/notes")));
        Assert.Equal("export A=1\n", File.ReadAllText(Path.Combine(root, ".profile")));
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(root, "bin/sh")).LinkTarget);
        Assert.Equal(File.ReadAllBytes(TestImages.Busybox), File.ReadAllBytes(Path.Combine(root, "bin/busybox")));
        Assert.Equal("same body\n", File.ReadAllText(Path.Combine(root, "usr/share/two")));
        ProcessResult inodes = ProcessRunner.Run("/usr/bin/stat", ["-c", "%i", Path.Combine(root, "usr/share/one"), Path.Combine(root, "usr/share/two")]);
        string[] numbers = inodes.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(numbers[0], numbers[1]);
    }

    [Fact]
    public void The_same_image_gives_the_same_bytes()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        Assert.Equal(File.ReadAllBytes(Write(first, Tree()).Archive), File.ReadAllBytes(Write(second, Tree()).Archive));
    }
}
