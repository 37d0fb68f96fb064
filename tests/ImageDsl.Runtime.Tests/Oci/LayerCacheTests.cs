using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

/// <summary>Compressed layers reused by diff_id between builds; never trusted without a digest check.</summary>
public class LayerCacheTests
{
    private static LayerBlob Write(string storeDirectory, LayerCache cache, LayerCompression? compression = null) =>
        LayerWriter.Write(LayerWriterTests.SampleTree(), new BlobStore(storeDirectory), compression ?? LayerCompression.Gzip, cache);

    [Fact]
    public void A_rebuild_takes_the_layer_from_the_cache_with_identical_bytes()
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerBlob first = Write(work.Combine("a"), cache);
        string entry = Assert.Single(Directory.GetFiles(work.Combine("cache", "gzip-v2-6")));
        Assert.Matches($"^{first.DiffId[7..]}-{first.Digest[7..]}-[0-9a-f]{{64}}$", Path.GetFileName(entry));

        // Mark the entry: a hit copies it, a miss would compress again and never touch it.
        DateTime marked = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(entry, marked);
        LayerBlob second = Write(work.Combine("b"), cache);

        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(work.Combine("a"), "sha256", first.Digest[7..])),
            File.ReadAllBytes(Path.Combine(work.Combine("b"), "sha256", second.Digest[7..])));
        Assert.Equal(marked, File.GetLastWriteTimeUtc(entry));
        Assert.Equal(first, LayerWriter.Write(LayerWriterTests.SampleTree(), new BlobStore(work.Combine("c"))));
    }

    [Fact]
    public void A_damaged_entry_is_removed_and_the_layer_compressed_again()
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerBlob first = Write(work.Combine("a"), cache);
        string entry = Assert.Single(Directory.GetFiles(work.Combine("cache", "gzip-v2-6")));
        byte[] bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(entry, bytes);

        var store = new BlobStore(work.Combine("b"));
        Assert.Null(cache.TryGet(first.DiffId, first.UncompressedSize, LayerCompression.Gzip, store));
        Assert.False(File.Exists(entry));
        Assert.Empty(Directory.GetFiles(Path.Combine(store.Directory, "sha256")));
        Assert.Empty(Directory.GetFiles(store.Directory));

        File.WriteAllBytes(entry, bytes);
        LayerBlob rebuilt = Write(work.Combine("c"), cache);
        Assert.Equal(first, rebuilt);
        Assert.Equal(File.ReadAllBytes(Path.Combine(work.Combine("a"), "sha256", first.Digest[7..])),
            File.ReadAllBytes(Path.Combine(work.Combine("c"), "sha256", rebuilt.Digest[7..])));
    }

    [Fact]
    public void A_symlinked_folder_planted_in_a_shared_cache_is_refused_not_followed()
    {
        using var work = new TempDirectory();
        Directory.CreateDirectory(work.Combine("cache"));
        Directory.CreateDirectory(work.Combine("elsewhere"));
        Directory.CreateSymbolicLink(work.Combine("cache", "gzip-v2-6"), work.Combine("elsewhere"));
        var cache = new LayerCache(work.Combine("cache"));

        var error = Assert.Throws<ImageDsl.Errors.ImageDslException>(() => Write(work.Combine("a"), cache));

        Assert.Contains("is a symbolic link", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(work.Combine("elsewhere")));
    }

    [Fact]
    public void Each_compression_has_its_own_entries()
    {
        using var work = new TempDirectory();
        var cache = new LayerCache(work.Combine("cache"));
        LayerBlob gzip = Write(work.Combine("a"), cache);
        LayerBlob zstd = Write(work.Combine("b"), cache, LayerCompression.Zstd);
        Assert.Equal(gzip.DiffId, zstd.DiffId);
        Assert.NotEqual(gzip.Digest, zstd.Digest);
        Assert.Equal(OciMediaTypes.ZstdLayer, zstd.MediaType);
        Assert.Equal(OciMediaTypes.ZstdLayer, Write(work.Combine("c"), cache, LayerCompression.Zstd).MediaType);
        Assert.Single(Directory.GetFiles(work.Combine("cache", "zstd-3")));
    }

    [Fact]
    public void Parallel_writers_sharing_one_cache_all_get_the_same_layer()
    {
        using var work = new TempDirectory();
        string root = work.Combine("cache");
        LayerBlob[] layers = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => Write(work.Combine("s" + i), new LayerCache(root)))
            .ToArray();
        Assert.All(layers, l => Assert.Equal(layers[0], l));
        Assert.Single(Directory.GetFiles(work.Combine("cache", "gzip-v2-6")));
    }

    [Theory]
    [InlineData("gzip", "gzip:6")]
    [InlineData("gzip:1", "gzip:1")]
    [InlineData("zstd", "zstd:3")]
    [InlineData("ZSTD:19", "zstd:19")]
    public void Compression_flags_parse(string text, string expected) =>
        Assert.Equal(expected, LayerCompression.Parse(text).ToString());

    [Theory]
    [InlineData("brotli")]
    [InlineData("gzip:0")]
    [InlineData("gzip:10")]
    [InlineData("zstd:20")]
    [InlineData("zstd:x")]
    [InlineData("zstd:")]
    public void Unknown_compressions_and_levels_are_user_errors(string text)
    {
        var error = Assert.Throws<ImageDsl.Errors.ImageDslException>(() => LayerCompression.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
