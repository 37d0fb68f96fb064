using System.Security.Cryptography;
using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

/// <summary>
/// A rebuild of the same tree finds its cached layer by fingerprint, without reading file bodies;
/// any change to what the tar would hold is a different fingerprint.
/// </summary>
public class LayerFingerprintTests
{
    private const string Body = "a package file's bytes\n";

    /// <summary>The sample tree plus a package-like file whose bytes are named by <paramref name="identity"/>; <paramref name="open"/> supplies them.</summary>
    private static FileTree Tree(string identity, Func<Stream> open, long size = 23, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        FileTree tree = LayerWriterTests.SampleTree();
        tree.MkdirAll("/usr/lib");
        tree.CreateFile("/usr/lib/data.bin", FileContent.FromSource(size, open).WithIdentity(identity), mode);
        return tree;
    }

    private static Stream Bytes() => new MemoryStream(Encoding.ASCII.GetBytes(Body));

    private static Stream Refuse() => throw new InvalidOperationException("the file body was read");

    private static string Fingerprint(FileTree tree) =>
        LayerFingerprint.Compute(tree, tree.Walk().Select(e => new LayerEntry(e.Path, e.Node)).ToList(), CancellationToken.None);

    [Fact]
    public void A_rebuild_of_the_same_tree_takes_its_layer_without_reading_the_bodies()
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerBlob first = LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("a")), LayerCompression.Gzip, cache);

        var store = new BlobStore(work.Combine("b"));
        LayerBlob second = LayerWriter.Write(Tree("apk:abc:7", Refuse), store, LayerCompression.Gzip, cache);

        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(work.Combine("a"), "sha256", first.Digest[7..])), store.Read(second.Digest));
        // And the same layer as a build without any cache.
        Assert.Equal(first, LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("c"))));
    }

    [Fact]
    public void Other_bytes_or_other_headers_are_another_layer()
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerBlob first = LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("a")), LayerCompression.Gzip, cache);

        // Same size, other bytes (another package): compressed again, never the cached layer.
        static Stream Other() => new MemoryStream(Encoding.ASCII.GetBytes(Body.ToUpperInvariant()));
        LayerBlob otherBytes = LayerWriter.Write(Tree("apk:def:7", Other), new BlobStore(work.Combine("b")), LayerCompression.Gzip, cache);
        Assert.NotEqual(first.DiffId, otherBytes.DiffId);

        Assert.NotEqual(Fingerprint(Tree("apk:abc:7", Bytes)), Fingerprint(Tree("apk:abc:8", Bytes)));
        Assert.NotEqual(Fingerprint(Tree("apk:abc:7", Bytes)), Fingerprint(Tree("apk:abc:7", Bytes, mode: (UnixFileMode)0x1ED)));
        Assert.Equal(Fingerprint(Tree("apk:abc:7", Bytes)), Fingerprint(Tree("apk:abc:7", Refuse)));
    }

    [Fact]
    public void Where_the_bytes_are_is_part_of_the_fingerprint_not_only_which_bytes()
    {
        // An empty file then a full one, against a full one then an empty one: same headers but for the sizes.
        FileTree Pair(bool firstEmpty)
        {
            var tree = new FileTree();
            tree.MkdirAll("/d");
            tree.CreateFile("/d/a", firstEmpty ? FileContent.Empty : FileContent.FromSource(23, Bytes).WithIdentity("apk:x:1"));
            tree.CreateFile("/d/b", firstEmpty ? FileContent.FromSource(23, Bytes).WithIdentity("apk:x:1") : FileContent.Empty);
            return tree;
        }
        Assert.NotEqual(Fingerprint(Pair(true)), Fingerprint(Pair(false)));
    }

    [Fact]
    public void Files_the_build_wrote_are_fingerprinted_by_their_bytes()
    {
        FileTree one = LayerWriterTests.SampleTree();
        FileTree other = LayerWriterTests.SampleTree();
        other.WriteText("/etc/group", "root:x:0:\napp:x:1001:\n"); // same size, other bytes, no identity
        Assert.NotEqual(Fingerprint(one), Fingerprint(other));
        Assert.Equal(Fingerprint(one), Fingerprint(LayerWriterTests.SampleTree()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("sha256:0000 12\n")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000 -1\n")]
    public void A_damaged_fingerprint_record_is_ignored_and_replaced(string damage)
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerBlob first = LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("a")), LayerCompression.Gzip, cache);
        string record = Assert.Single(Directory.GetFiles(work.Combine("cache", "fingerprints")));
        File.WriteAllText(record, damage);

        Assert.Null(cache.TryFindLayer(Fingerprint(Tree("apk:abc:7", Bytes))));
        LayerBlob rebuilt = LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("b")), LayerCompression.Gzip, cache);
        Assert.Equal(first, rebuilt);
        Assert.Matches($"^{first.DiffId} {first.UncompressedSize} [0-9a-f]{{64}}\n$", File.ReadAllText(record));
    }

    [Fact]
    public void A_fingerprint_record_made_under_another_key_is_not_trusted()
    {
        using var work = new TempDirectory();
        var theirs = new LayerCache(work.Combine("cache"), RandomNumberGenerator.GetBytes(32));
        var ours = new LayerCache(work.Combine("cache"), RandomNumberGenerator.GetBytes(32));
        LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("a")), LayerCompression.Gzip, theirs);

        // Someone else's record (a shared or restored cache) could map this tree to any layer: ignored.
        Assert.NotNull(theirs.TryFindLayer(Fingerprint(Tree("apk:abc:7", Bytes))));
        Assert.Null(ours.TryFindLayer(Fingerprint(Tree("apk:abc:7", Bytes))));
        string entry = Assert.Single(Directory.GetFiles(work.Combine("cache", "gzip-v2-6")));
        string diffId = "sha256:" + Path.GetFileName(entry)[..64];
        Assert.Null(ours.TryGet(diffId, 0, LayerCompression.Gzip, new BlobStore(work.Combine("b"))));
        Assert.Empty(Directory.GetFiles(work.Combine("cache", "gzip-v2-6"))); // their blob entry was removed, not used
    }

    [Fact]
    public void A_fingerprint_record_planted_as_a_link_is_not_followed()
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerWriter.Write(Tree("apk:abc:7", Bytes), new BlobStore(work.Combine("a")), LayerCompression.Gzip, cache);
        string record = Assert.Single(Directory.GetFiles(work.Combine("cache", "fingerprints")));
        File.Move(record, work.Combine("elsewhere"));
        File.CreateSymbolicLink(record, work.Combine("elsewhere"));
        Assert.Null(cache.TryFindLayer(Fingerprint(Tree("apk:abc:7", Bytes))));
    }
}
