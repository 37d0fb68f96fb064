using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

[Collection(ProcessWideStateCollection.Name)]
public class LayerWriterTests
{
    internal static FileTree SampleTree()
    {
        var tree = new FileTree();
        tree.MkdirAll("/etc");
        tree.WriteText("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        tree.WriteText("/etc/group", "root:x:0:\napp:x:1000:\n");
        tree.MkdirAll("/home/app", (UnixFileMode)0x1C0, 1000, 1000);
        tree.MkdirAll("/usr/bin");
        FileNode tool = tree.WriteText("/usr/bin/tool", "#!/bin/sh\necho tool\n", (UnixFileMode)0x9ED);
        tool.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        tool.Package = "tool";
        tree.Hardlink("/usr/bin/alias", "/usr/bin/tool");
        tree.Symlink("/usr/bin/sh", "/bin/busybox");
        tree.MkdirAll("/dev");
        tree.Mknod("/dev/null", FileNodeType.CharacterDevice, (UnixFileMode)0x1B6, 1, 3);
        tree.Mknod("/dev/loop0", FileNodeType.BlockDevice, (UnixFileMode)0x1B0, 7, 0);
        tree.Mknod("/dev/pipe", FileNodeType.Fifo, (UnixFileMode)0x1A4);
        FileNode ping = tree.WriteText("/usr/bin/ping", "ping");
        ping.ExtendedAttributes["security.capability"] = [0x01, 0x00, 0x00, 0x02, 0xff, 0x80];
        string longDir = "/opt/" + string.Concat(Enumerable.Repeat("very-long-directory-name/", 6));
        tree.MkdirAll(longDir);
        tree.WriteText(longDir + "file.txt", "deep");
        tree.MkdirAll("/opt/unicode");
        tree.WriteText("/opt/unicode/caf\u00e9", "accent");
        return tree;
    }

    internal static List<TarEntry> ReadEntries(byte[] tar)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }
        return entries;
    }

    [Fact]
    public void Layer_entries_carry_the_tree_metadata_and_nothing_from_the_host()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Path);
        LayerBlob layer = LayerWriter.Write(SampleTree(), store);

        byte[] gz = store.Read(layer.Digest);
        Assert.Equal(layer.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(gz)));
        Assert.Equal(gz.LongLength, layer.Size);
        using var tarBytes = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        {
            gzip.CopyTo(tarBytes);
        }
        Assert.Equal(layer.DiffId, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tarBytes.ToArray())));

        var entries = ReadEntries(tarBytes.ToArray()).ToDictionary(e => e.Name);
        Assert.DoesNotContain(entries.Keys, n => n.StartsWith('/') || n.EndsWith('/'));
        Assert.Equal(TarEntryType.Directory, entries["etc"].EntryType);

        TarEntry home = entries["home/app"];
        Assert.Equal((1000, 1000, "app", "app"), (home.Uid, home.Gid, ((PosixTarEntry)home).UserName, ((PosixTarEntry)home).GroupName));
        Assert.Equal("root", ((PosixTarEntry)entries["etc"]).UserName);

        TarEntry tool = entries["usr/bin/alias"];
        Assert.Equal(TarEntryType.RegularFile, tool.EntryType);
        Assert.Equal((UnixFileMode)0x9ED, tool.Mode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), tool.ModificationTime);
        TarEntry link = entries["usr/bin/tool"];
        Assert.Equal(TarEntryType.HardLink, link.EntryType);
        Assert.Equal("usr/bin/alias", link.LinkName);

        Assert.Equal(("/bin/busybox", TarEntryType.SymbolicLink), (entries["usr/bin/sh"].LinkName, entries["usr/bin/sh"].EntryType));
        var dev = (PosixTarEntry)entries["dev/null"];
        Assert.Equal((TarEntryType.CharacterDevice, 1, 3), (dev.EntryType, dev.DeviceMajor, dev.DeviceMinor));
        Assert.Equal(TarEntryType.BlockDevice, entries["dev/loop0"].EntryType);
        Assert.Equal(TarEntryType.Fifo, entries["dev/pipe"].EntryType);

        var ping = Assert.IsType<PaxTarEntry>(entries["usr/bin/ping"]);
        Assert.True(ping.ExtendedAttributes.ContainsKey("SCHILY.xattr.security.capability"));
        Assert.Contains(entries.Keys, n => n.EndsWith("very-long-directory-name/file.txt", StringComparison.Ordinal));
        Assert.Contains("opt/unicode/caf\u00e9", entries.Keys);
        Assert.Equal("deep", new StreamReader(entries.Values.Single(e => e.Name.EndsWith("file.txt", StringComparison.Ordinal)).DataStream!).ReadToEnd());
        Assert.All(entries.Values.Where(e => e.Name != "usr/bin/alias" && e.Name != "usr/bin/tool"),
            e => Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime));
    }

    [Fact]
    public void Binary_xattrs_survive_byte_for_byte_and_pax_headers_name_no_process()
    {
        var tree = new FileTree();
        byte[] value = [0x01, 0x00, 0x00, 0x02, 0xff, 0x80, 0xc3];
        tree.WriteText("/ping", "x").ExtendedAttributes["security.capability"] = value;
        using var tar = new MemoryStream();
        LayerWriter.WriteTar(tree, tar);
        byte[] bytes = tar.ToArray();

        Assert.Equal("PaxHeaders.0/ping", System.Text.Encoding.ASCII.GetString(bytes, 0, 17));
        byte[] record = [.. "SCHILY.xattr.security.capability="u8.ToArray(), .. value, (byte)'\n'];
        Assert.True(bytes.AsSpan(512, 512).IndexOf(record) > 0);
    }

    [Fact]
    public void The_same_tree_gives_the_same_bytes_whatever_the_time_zone()
    {
        using var work = new TempDirectory();
        string? tz = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", "Pacific/Kiritimati");
            TimeZoneInfo.ClearCachedData();
            LayerBlob first = LayerWriter.Write(SampleTree(), new BlobStore(work.Combine("a")));
            Environment.SetEnvironmentVariable("TZ", "America/Adak");
            TimeZoneInfo.ClearCachedData();
            LayerBlob second = LayerWriter.Write(SampleTree(), new BlobStore(work.Combine("b")));
            Assert.Equal(first, second);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", tz);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Fact]
    public void Lazy_content_that_changed_size_is_an_integrity_error_and_leaves_no_blob()
    {
        using var work = new TempDirectory();
        var store = new BlobStore(work.Path);
        var tree = new FileTree();
        tree.CreateFile("/f", FileContent.FromSource(10, () => new MemoryStream(new byte[5])));

        var error = Assert.Throws<ImageDsl.Errors.ImageDslException>(() => LayerWriter.Write(tree, store));
        Assert.Equal(ImageDsl.Errors.ErrorKind.Integrity, error.Kind);
        Assert.Empty(Directory.GetFiles(work.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Gnu_tar_lists_the_layer()
    {
        string tarTool = RequiredTool.Find("tar", "tar");
        using var work = new TempDirectory();
        string path = work.Combine("layer.tar");
        using (var file = File.Create(path))
        {
            LayerWriter.WriteTar(SampleTree(), file);
        }
        ProcessResult result = ProcessRunner.Run(tarTool, ["--numeric-owner", "-tvf", path], environment: new Dictionary<string, string?> { ["TZ"] = "UTC" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("-rwsr-xr-x 0/0", result.StandardOutput);
        Assert.Contains("usr/bin/tool link to usr/bin/alias", result.StandardOutput);
        Assert.Matches(@"crw-rw-rw- 0/0 +1,3 1970-01-01 00:00 dev/null", result.StandardOutput);
    }
}
