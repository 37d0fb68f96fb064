using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;

namespace ImageDsl.Tests.FileSystem;

public class FileTreeTests
{
    [Theory]
    [InlineData("/../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("etc//passwd")]
    [InlineData("etc/pass\0wd")]
    public void Paths_that_escape_or_are_malformed_are_integrity_errors_naming_the_path(string path)
    {
        var tree = new FileTree();
        var error = Assert.Throws<ImageDslException>(() => tree.MkdirAll(path));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains(TreePath.Printable(path), error.Message);
    }

    [Theory]
    [InlineData("/usr/bin/", "usr/bin")]
    [InlineData("usr/./bin", "usr/bin")]
    [InlineData("usr/lib/../bin", "usr/bin")]
    [InlineData("/", "")]
    public void Paths_are_normalised(string input, string expected) => Assert.Equal(expected, TreePath.Normalize(input));

    [Fact]
    public void Absolute_and_dotdot_symlink_targets_resolve_inside_the_image_root()
    {
        var tree = new FileTree();
        tree.MkdirAll("/etc");
        tree.WriteText("/etc/passwd", "image");
        tree.MkdirAll("/a/b");
        tree.Symlink("/a/b/up", "../../../../../../etc");
        tree.Symlink("/a/abs", "/etc/passwd");

        Assert.Equal("image", System.Text.Encoding.UTF8.GetString(tree.ReadAllBytes("/a/b/up/passwd")));
        Assert.Equal("image", System.Text.Encoding.UTF8.GetString(tree.ReadAllBytes("/a/abs")));
        Assert.Equal(FileNodeType.Symlink, tree.Lookup("/a/abs", followSymlinks: false)!.Type);
    }

    [Fact]
    public void Writing_through_an_escaping_symlink_lands_inside_the_tree()
    {
        var tree = new FileTree();
        tree.MkdirAll("/x");
        tree.MkdirAll("/tmp");
        tree.Symlink("/x/host", "../../../../tmp");
        tree.MkdirAll("/x/host/evil");
        tree.WriteText("/x/host/evil/file", "data");

        Assert.NotNull(tree.Lookup("/tmp/evil/file"));
        Assert.False(File.Exists("/tmp/evil/file"));
    }

    [Fact]
    public void Creating_a_file_over_a_symlink_replaces_the_link_instead_of_writing_through_it()
    {
        var tree = new FileTree();
        tree.MkdirAll("/etc");
        tree.WriteText("/etc/shadow", "secret");
        tree.Symlink("/etc/link", "shadow");
        tree.WriteText("/etc/link", "replaced");

        Assert.Equal("secret", System.Text.Encoding.UTF8.GetString(tree.ReadAllBytes("/etc/shadow")));
        Assert.Equal(FileNodeType.RegularFile, tree.Lookup("/etc/link", followSymlinks: false)!.Type);
    }

    [Fact]
    public void Symlink_loops_are_reported()
    {
        var tree = new FileTree();
        tree.Symlink("/a", "b");
        tree.Symlink("/b", "a");
        var error = Assert.Throws<ImageDslException>(() => tree.Lookup("/a"));
        Assert.Contains("too many levels", error.Message);
    }

    [Fact]
    public void MkdirAll_follows_a_usrmerge_symlink_and_keeps_existing_modes()
    {
        var tree = new FileTree();
        tree.MkdirAll("/usr/lib", (UnixFileMode)0x1C0);
        tree.Symlink("/lib", "usr/lib");
        FileNode dir = tree.MkdirAll("/lib/apk", (UnixFileMode)0x1ED);

        Assert.Same(dir, tree.Lookup("/usr/lib/apk"));
        Assert.Equal((UnixFileMode)0x1C0, tree.Get("/usr/lib").Mode);
        Assert.Equal(FileNodeType.Symlink, tree.Lookup("/lib", followSymlinks: false)!.Type);
    }

    [Fact]
    public void MkdirAll_through_a_file_fails()
    {
        var tree = new FileTree();
        tree.WriteText("/file", "x");
        var error = Assert.Throws<ImageDslException>(() => tree.MkdirAll("/file/sub"));
        Assert.Contains("is not a directory", error.Message);
    }

    [Fact]
    public void Hard_links_share_one_node_and_survive_removal_of_the_first_name()
    {
        var tree = new FileTree();
        tree.MkdirAll("/bin");
        FileNode original = tree.WriteText("/bin/a", "payload", (UnixFileMode)0x1ED);
        tree.Hardlink("/bin/b", "/bin/a");
        tree.Chmod("/bin/b", (UnixFileMode)0x9ED); // setuid + 0755

        Assert.Same(original, tree.Get("/bin/b"));
        Assert.Equal(2, original.LinkCount);
        Assert.Equal((UnixFileMode)0x9ED, tree.Get("/bin/a").Mode);
        Assert.True(tree.Remove("/bin/a"));
        Assert.Equal("payload", System.Text.Encoding.UTF8.GetString(tree.ReadAllBytes("/bin/b")));
        Assert.Equal(1, original.LinkCount);
    }

    [Fact]
    public void Devices_fifos_and_metadata_are_kept()
    {
        var tree = new FileTree();
        tree.MkdirAll("/dev");
        FileNode null_ = tree.Mknod("/dev/null", FileNodeType.CharacterDevice, (UnixFileMode)0x1B6, 1, 3);
        tree.Mknod("/dev/fifo", FileNodeType.Fifo, (UnixFileMode)0x180);
        tree.Chown("/dev/null", 5, 6);
        null_.ExtendedAttributes["user.test"] = [0xff, 0x00];

        FileNode found = tree.Get("/dev/null");
        Assert.Equal((1, 3, 5, 6), (found.DeviceMajor, found.DeviceMinor, found.Uid, found.Gid));
        Assert.Equal(FileNodeType.Fifo, tree.Get("/dev/fifo").Type);
        Assert.Equal(DateTimeOffset.UnixEpoch, found.ModificationTime);
    }

    [Fact]
    public void Walk_is_depth_first_in_byte_order_with_the_root_omitted()
    {
        var tree = new FileTree();
        tree.MkdirAll("/a/x");
        tree.MkdirAll("/a-b");
        tree.MkdirAll("/B");
        tree.WriteText("/a/\U0001F600", "");
        tree.WriteText("/a/\uFFFD", "");

        string[] paths = tree.Walk().Select(e => e.Path).ToArray();
        Assert.Equal(["B", "a", "a/x", "a/\uFFFD", "a/\U0001F600", "a-b"], paths);
    }

    [Fact]
    public void Lazy_content_is_opened_on_demand()
    {
        int opened = 0;
        var tree = new FileTree();
        tree.CreateFile("/big", FileContent.FromSource(3, () => { opened++; return new MemoryStream([1, 2, 3]); }));

        Assert.Equal(0, opened);
        Assert.Equal(3, tree.Get("/big").Size);
        Assert.Equal([1, 2, 3], tree.ReadAllBytes("/big"));
        Assert.Equal(1, opened);
    }

    [Fact]
    public void Existing_names_are_not_overwritten_by_symlink_or_mknod()
    {
        var tree = new FileTree();
        tree.WriteText("/f", "");
        Assert.Throws<ImageDslException>(() => tree.Symlink("/f", "x"));
        Assert.Throws<ImageDslException>(() => tree.Mknod("/f", FileNodeType.Fifo, 0));
        Assert.Throws<ImageDslException>(() => tree.WriteText("/missing/f", ""));
    }
}
