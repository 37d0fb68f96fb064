using System.IO.Compression;
using System.Runtime.InteropServices;
using ImageDsl.Oci;

namespace ImageDsl.Tests.Oci;

/// <summary>
/// Layers are compressed in fixed-size chunks on every core: the result must be one standard
/// stream that real tools read back, whose bytes never depend on how many chunks were in flight.
/// </summary>
public class ParallelCompressionTests
{
    /// <summary>Text-like, compressible, not trivially repetitive data (a fixed seed: same bytes every run).</summary>
    private static byte[] Payload(int length)
    {
        var random = new Random(42);
        string[] words = ["layer", "chunk", "deflate", "zstd", "image", "package", "tar", "/usr/lib/", "0x7f", "\n"];
        var data = new byte[length];
        int i = 0;
        while (i < length)
        {
            byte[] word = System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)] + random.Next(1000));
            int take = Math.Min(word.Length, length - i);
            word.AsSpan(0, take).CopyTo(data.AsSpan(i));
            i += take;
        }
        return data;
    }

    private static byte[] Compress(byte[] input, LayerCompression compression, int? inFlight = null, int writeSize = 65536)
    {
        var output = new MemoryStream();
        using (var stream = new ChunkedCompressionStream(output, compression.CreateCodec(), inFlight))
        {
            for (int offset = 0; offset < input.Length; offset += writeSize)
            {
                stream.Write(input, offset, Math.Min(writeSize, input.Length - offset));
            }
            stream.Finish();
        }
        return output.ToArray();
    }

    private static byte[] RunTool(string tool, string apt, byte[] input, params string[] args)
    {
        using var work = new TempDirectory();
        string path = work.Combine("in");
        File.WriteAllBytes(path, input);
        string output = work.Combine("out");
        ProcessResult result = ProcessRunner.Run("/bin/sh", ["-c", $"'{RequiredTool.Find(tool, apt)}' {string.Join(' ', args)} < '{path}' > '{output}'"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllBytes(output);
    }

    public static TheoryData<int> Sizes() => new()
    {
        0, 1, GzipChunkCodec.Size - 1, GzipChunkCodec.Size, GzipChunkCodec.Size + 1, (7 * GzipChunkCodec.Size / 2) + 12345,
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Gzip_chunks_join_into_one_stream_that_gzip_tests_and_inflates_to_the_input(int size)
    {
        byte[] input = Payload(size);
        byte[] gz = Compress(input, LayerCompression.Gzip);

        RunTool("gzip", "gzip", gz, "-t");
        Assert.True(input.AsSpan().SequenceEqual(RunTool("gzip", "gzip", gz, "-dc")), "gzip -dc differs from the input");
        // One member: .NET reads it too, and it is not several concatenated gzip members.
        using var inflated = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }
        Assert.True(input.AsSpan().SequenceEqual(inflated.ToArray()));
        AssertOneMember(gz, size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ZstdChunkCodec.Size + 1)]
    [InlineData((2 * ZstdChunkCodec.Size) + 777)]
    public void Zstd_frames_join_into_one_stream_that_zstd_inflates_to_the_input(int size)
    {
        byte[] input = Payload(size);
        byte[] zst = Compress(input, LayerCompression.Parse("zstd:5"));
        RunTool("zstd", "zstd", zst, "-t", "-q");
        Assert.True(input.AsSpan().SequenceEqual(RunTool("zstd", "zstd", zst, "-dc", "-q")), "zstd -dc differs from the input");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void The_bytes_do_not_depend_on_chunks_in_flight_or_write_sizes(string algorithm)
    {
        var compression = LayerCompression.Parse(algorithm);
        byte[] input = Payload((9 * GzipChunkCodec.Size) + 4321);
        byte[] serial = Compress(input, compression, inFlight: 2, writeSize: 1);
        byte[] parallel = Compress(input, compression, inFlight: 32, writeSize: 1 << 20);
        byte[] odd = Compress(input, compression, inFlight: 5, writeSize: 12_345);
        Assert.True(serial.AsSpan().SequenceEqual(parallel), "2 vs 32 chunks in flight differ");
        Assert.True(serial.AsSpan().SequenceEqual(odd), "different write sizes differ");
    }

    /// <summary>
    /// Layered images write many layers at once, all sharing one process-wide chunk budget: more
    /// concurrent streams than budget slots must all finish (no stream waits on another in a cycle)
    /// with the bytes of a lone stream.
    /// </summary>
    [Fact]
    public async Task Many_concurrent_streams_share_the_chunk_budget_and_all_finish_with_the_same_bytes()
    {
        byte[] input = Payload((5 * GzipChunkCodec.Size) + 99);
        byte[] alone = Compress(input, LayerCompression.Gzip);
        var streams = Enumerable.Range(0, 40)
            .Select(i => Task.Factory.StartNew(() => Compress(input, LayerCompression.Gzip, inFlight: 32, writeSize: 4096 + i), TaskCreationOptions.LongRunning))
            .ToArray();
        byte[][] results = await Task.WhenAll(streams).WaitAsync(TimeSpan.FromMinutes(5));
        Assert.All(results, r => Assert.True(alone.AsSpan().SequenceEqual(r)));
    }

    [Fact]
    public void Combined_crcs_equal_the_crc_of_the_whole()
    {
        byte[] data = Payload(300_001);
        uint whole = Crc32.Append(0, data);
        foreach (int cut in new[] { 0, 1, 7, 8, 9, 65536, 299_999, 300_001 })
        {
            uint a = Crc32.Append(0, data.AsSpan(0, cut));
            uint b = Crc32.Append(0, data.AsSpan(cut));
            Assert.Equal(whole, Crc32.Combine(a, b, data.Length - cut));
        }
        Assert.Equal(0xCBF43926u, Crc32.Append(0, "123456789"u8));
    }

    /// <summary>
    /// A layer's bytes are what users' digests are made of, and the layer cache keeps them under
    /// <see cref="LayerCompression.CacheName"/>: if a digest here changes, the encoder's output changed
    /// (our deflate, or a ZstdSharp update), and the cache name's generation must change with it (or
    /// warm builds would reuse blobs a fresh build no longer writes).
    /// </summary>
    [Theory]
    [InlineData("gzip", "gzip-v2-6", "85cb4f304ab8f0801509736b5fea88bf9476e03357c2081e27c007fa563709a8")]
    [InlineData("gzip:1", "gzip-v2-1", "533a5d4c0e5dc5833c6850fb781183c64087431c0f13c3dcc2f897e1899cf15a")]
    [InlineData("gzip:4", "gzip-v2-4", "1b519e80c5f0308ec824881457e763286d8377178eaaebda94e05f3bdb909b8b")]
    [InlineData("gzip:9", "gzip-v2-9", "6c9c4085938b36d2bb6c1a0e2037fea1276b213f0904aa6a0fd8c986875928b7")]
    [InlineData("zstd", "zstd-3", "fd574bb248ccd78a86ed2865929a29c8266a7b0c8c4114d28df96bc0dd5c5faf")]
    [InlineData("zstd:19", "zstd-19", "e36aa4d9e7a7985fcb16eb3e3fe9158a7d33f65433c7e4d4bbf13a5417c9ec1c")]
    public void Layer_bytes_are_pinned_with_the_cache_generation(string compression, string cacheName, string expected)
    {
        var chosen = LayerCompression.Parse(compression);
        byte[] compressed = Compress(Payload((3 * GzipChunkCodec.Size) + 5), chosen);
        Assert.Equal(cacheName, chosen.CacheName);
        string digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(compressed));
        Assert.True(digest == expected, $"the {compression} bytes changed: sha256 {digest}");
    }

    /// <summary>
    /// The ratio goal on a real tar (this machine's .NET shared runtime, present wherever the tests
    /// run): the default gzip layer is no larger than `gzip -6 -n` of the same tar plus 1 %.
    /// </summary>
    [Fact]
    public void Default_gzip_is_within_one_percent_of_gzip_6_on_a_real_tar()
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/');
        using var work = new TempDirectory();
        string tar = work.Combine("runtime.tar");
        ProcessResult made = ProcessRunner.Run("tar", ["--sort=name", "--mtime=@0", "--owner=0", "--group=0", "-cf", tar, "-C", runtime, "."]);
        Assert.True(made.ExitCode == 0, made.ToString());
        byte[] input = File.ReadAllBytes(tar);
        Assert.True(input.Length > 20 << 20, $"the runtime tar is only {input.Length} bytes");

        long ours = Compress(input, LayerCompression.Gzip).LongLength;
        ProcessResult gzip = ProcessRunner.Run("/bin/sh", ["-c", $"gzip -6 -n -c '{tar}' | wc -c"]);
        long reference = long.Parse(gzip.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ours <= reference * 1.01, $"ours {ours} bytes vs gzip -6 -n {reference} bytes: ratio {(double)ours / reference:F4}");
    }

    /// <summary>
    /// One member, not one per chunk: the trailer's length is the whole input's (several members
    /// would end with the last chunk's), and the header is the fixed `gzip -n` one.
    /// </summary>
    private static void AssertOneMember(byte[] gz, int inputSize)
    {
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff }, gz[..10]);
        Assert.Equal((uint)inputSize, BitConverter.ToUInt32(gz, gz.Length - 4));
    }
}
