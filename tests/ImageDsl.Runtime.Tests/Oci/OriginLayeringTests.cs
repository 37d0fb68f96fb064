using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

public class OriginLayeringTests
{
    private static LayerPackage Package(string name, string origin, long size, params string[] replaces) =>
        new(name, "1.0-r0", origin, size) { Replaces = replaces, InstalledRecord = $"P:{name}\nV:1.0-r0\n\n" };

    [Fact]
    public void Groups_follow_origin_and_replaces_and_are_ordered_by_size_then_name()
    {
        var packages = new[]
        {
            Package("libssl3", "openssl", 300),
            Package("libcrypto3", "openssl", 500),
            Package("busybox", "busybox", 900),
            Package("baselayout", "baselayout", 10),
            Package("mylayout", "mylayout", 5, "baselayout"),
            Package("zlib", "zlib", 800),
            Package("tzdata", "tzdata", 800),
        };
        var groups = OriginLayering.Group(packages, 10);

        Assert.Equal(
            ["busybox", "libcrypto3+libssl3", "tzdata", "zlib", "baselayout+mylayout"],
            groups.Select(g => string.Join('+', g.Select(p => p.Name))));

        var budgeted = OriginLayering.Group(packages, 3);
        Assert.Equal(3, budgeted.Count);
        Assert.Equal("baselayout+mylayout+tzdata+zlib", string.Join('+', budgeted[2].Select(p => p.Name)));
    }

    [Fact]
    public void A_replaces_constraint_the_version_does_not_meet_keeps_groups_apart()
    {
        var packages = new[] { Package("old", "old", 1), Package("new", "new", 1, "old>=2.0") };
        Assert.Equal(2, OriginLayering.Group(packages, 5, (version, constraint) => false).Count);
        Assert.Single(OriginLayering.Group(packages, 5, (version, constraint) => true));
    }

    [Fact]
    public void Group_layers_hold_owned_files_with_parents_and_their_own_installed_records()
    {
        var tree = new FileTree();
        tree.MkdirAll("/usr/lib/apk/db");
        tree.MkdirAll("/usr/bin", (UnixFileMode)0x1E8);
        FileNode tool = tree.WriteText("/usr/bin/tool", "tool");
        tool.Package = "tool";
        tool.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1234);
        tree.WriteText("/usr/bin/apko-made", "mine");
        tree.WriteText("/usr/lib/apk/db/installed", "P:tool\nV:1.0-r0\n\nP:other\nV:1.0-r0\n\n");
        FileNode other = tree.WriteText("/usr/lib/other.so", "so");
        other.Package = "other";

        using var work = new TempDirectory();
        var store = new BlobStore(work.Path);
        var layers = OriginLayering.WriteLayers(tree, [Package("tool", "tool", 10), Package("other", "other", 5)], 5, store);
        Assert.Equal(3, layers.Count);

        var toolLayer = Entries(store, layers[0]);
        Assert.Equal(["usr", "usr/bin", "usr/bin/tool", "usr/lib", "usr/lib/apk", "usr/lib/apk/db", "usr/lib/apk/db/installed"], toolLayer.Keys);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1234), toolLayer["usr/bin"].ModificationTime);
        Assert.Equal((UnixFileMode)0x1E8, toolLayer["usr/bin"].Mode);
        Assert.Equal("P:tool\nV:1.0-r0\n\n", Read(toolLayer["usr/lib/apk/db/installed"]));

        var top = Entries(store, layers[2]);
        Assert.Contains("usr/bin/apko-made", top.Keys);
        Assert.DoesNotContain("usr/bin/tool", top.Keys);
        Assert.DoesNotContain("usr/lib/other.so", top.Keys);
        Assert.Contains("P:other", Read(top["usr/lib/apk/db/installed"]));
    }

    [Fact]
    public void A_layered_image_unpacks_with_umoci_into_the_whole_tree()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Combine("store"));
        FileTree tree = TestImages.BusyboxTree();
        var configuration = TestImages.Configuration() with { Layering = new ImageLayering(ImageLayering.Origin, 2) };
        OciImage image = ImageWriter.WriteImage(new ImageRequest(tree, configuration, Architecture.Amd64)
        {
            Packages = [Package("busybox", "busybox", 2_000_000), Package("test-baselayout", "baselayout", 100)],
        }, store);
        Assert.Equal(3, image.Layers.Count);
        OciImageIndex index = ImageWriter.WriteIndex([image], configuration, DateTimeOffset.UnixEpoch, store);
        OciLayoutWriter.Write(work.Combine("layout"), store, index, "layered");

        ProcessResult unpack = ProcessRunner.Run(RequiredTool.Find("umoci", "umoci"), ["unpack", "--image", work.Combine("layout") + ":layered", work.Combine("bundle")]);
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        string rootfs = work.Combine("bundle", "rootfs");
        Assert.Equal(new FileInfo(TestImages.Busybox).Length, new FileInfo(Path.Combine(rootfs, "bin/busybox")).Length);
        Assert.Equal("busybox", new FileInfo(Path.Combine(rootfs, "bin/echo")).LinkTarget);
        Assert.Contains("ID=testos", File.ReadAllText(Path.Combine(rootfs, "etc/os-release")));
        Assert.Contains("app:x:1000", File.ReadAllText(Path.Combine(rootfs, "etc/passwd")));
    }

    private static Dictionary<string, TarEntry> Entries(BlobStore store, LayerBlob layer)
    {
        using var gzip = new GZipStream(store.OpenRead(layer.Digest), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return LayerWriterTests.ReadEntries(tar.ToArray()).ToDictionary(e => e.Name);
    }

    private static string Read(TarEntry entry) => new StreamReader(entry.DataStream!, Encoding.UTF8).ReadToEnd();
}
