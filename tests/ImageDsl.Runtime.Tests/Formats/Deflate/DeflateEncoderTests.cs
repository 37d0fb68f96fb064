using System.IO.Compression;
using System.Runtime.InteropServices;
using ImageDsl.Formats.Deflate;

namespace ImageDsl.Tests.Formats.Deflate;

/// <summary>
/// Our deflate encoder writes every gzip layer: whatever the input, level, block size or chunk
/// split, its output must inflate (with .NET's zlib and with gzip) to exactly the input, never
/// exceed its stated bound, and depend only on the input.
/// </summary>
public class DeflateEncoderTests
{
    public static TheoryData<string> Inputs() => ["empty", "one", "zeros", "random", "text", "binary", "mixed"];

    private static byte[] Input(string kind) => kind switch
    {
        "empty" => [],
        "one" => [42],
        "zeros" => new byte[1 << 20],
        "random" => Random(300_000, seed: 7),
        "text" => Text(500_000),
        "binary" => RuntimeFile(700_000),
        _ => [.. Text(100_000), .. Random(70_000, seed: 8), .. new byte[40_000], .. RuntimeFile(200_000), .. Text(3)],
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_level_inflates_back_to_the_input(string kind)
    {
        byte[] input = Input(kind);
        for (int level = 1; level <= 9; level++)
        {
            byte[] compressed = Deflate(new DeflateEncoder(DeflateLevel.Of(level)), input);
            Assert.True(input.AsSpan().SequenceEqual(Inflate(compressed)), $"level {level} on {kind} does not inflate to the input");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void Tiny_blocks_cut_anywhere_still_inflate_back(int blockSymbols)
    {
        byte[] input = Input("mixed");
        var encoder = new DeflateEncoder(DeflateLevel.Of(6), blockSymbols);
        byte[] compressed = Deflate(encoder, input);
        Assert.True(input.AsSpan().SequenceEqual(Inflate(compressed)));
        Assert.True(compressed.Length <= encoder.MaxOutput(input.Length));
    }

    [Fact]
    public void Incompressible_input_grows_by_stored_headers_only()
    {
        byte[] input = Random(1 << 20, seed: 9);
        var encoder = new DeflateEncoder(DeflateLevel.Of(9));
        byte[] compressed = Deflate(encoder, input);
        // Stored blocks: 5 bytes per block of at most 64 KiB and per dynamic block cut, no more.
        Assert.True(compressed.Length <= input.Length + 1024, $"{compressed.Length} bytes for {input.Length} random bytes");
        Assert.True(compressed.Length <= encoder.MaxOutput(input.Length));
    }

    /// <summary>
    /// Chunks refer back into the end of the previous chunk and are joined after sync flushes: the
    /// concatenation is one stream, and the history is used (a chunk repeating the previous one's
    /// end costs almost nothing).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(40_000)]
    [InlineData(65_536)]
    [InlineData(250_001)]
    public void Chunks_with_history_join_into_one_stream(int chunkSize)
    {
        byte[] input = Input("mixed");
        byte[] joined = Chunked(input, chunkSize, history: 32768);
        Assert.True(input.AsSpan().SequenceEqual(Inflate(joined)), $"chunks of {chunkSize} do not join");
    }

    [Fact]
    public void A_chunk_finds_matches_in_the_previous_one()
    {
        byte[] block = Random(20_000, seed: 10);
        byte[] input = [.. block, .. block];
        int withHistory = Chunked(input, 20_000, history: 32768).Length;
        int without = Chunked(input, 20_000, history: 0).Length;
        Assert.True(withHistory < without - 15_000, $"with history {withHistory} bytes, without {without}");
    }

    /// <summary>The encoder is reused per thread: nothing of one input may leak into the next's bytes.</summary>
    [Fact]
    public void A_reused_encoder_writes_what_a_fresh_one_writes()
    {
        var reused = new DeflateEncoder(DeflateLevel.Of(6));
        Deflate(reused, Input("text"));
        Deflate(reused, Input("binary"));
        byte[] input = Input("mixed");
        Assert.Equal(Deflate(new DeflateEncoder(DeflateLevel.Of(6)), input), Deflate(reused, input));
    }

    [Fact]
    public void Gzip_reads_the_output()
    {
        byte[] input = Input("mixed");
        byte[] deflated = Deflate(new DeflateEncoder(DeflateLevel.Of(6)), input);
        uint crc = ImageDsl.Oci.Crc32.Append(0, input);
        byte[] gz = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, .. deflated, .. BitConverter.GetBytes(crc), .. BitConverter.GetBytes(input.Length)];
        using var work = new TempDirectory();
        File.WriteAllBytes(work.Combine("x.gz"), gz);
        ProcessResult result = ProcessRunner.Run("/bin/sh", ["-c", $"'{RequiredTool.Find("gzip", "gzip")}' -dc x.gz > x"], work.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(input.AsSpan().SequenceEqual(File.ReadAllBytes(work.Combine("x"))));
    }

    private static byte[] Deflate(DeflateEncoder encoder, byte[] input)
    {
        byte[] output = new byte[encoder.MaxOutput(input.Length)];
        int length = encoder.Compress(input, 0, output, final: true);
        return output[..length];
    }

    private static byte[] Chunked(byte[] input, int chunkSize, int history)
    {
        var encoder = new DeflateEncoder(DeflateLevel.Of(6));
        var joined = new MemoryStream();
        for (int offset = 0; ; offset += chunkSize)
        {
            int back = Math.Min(offset, history);
            int length = Math.Min(chunkSize, input.Length - offset);
            bool last = offset + length >= input.Length;
            byte[] output = new byte[encoder.MaxOutput(length)];
            int written = encoder.Compress(input.AsSpan(offset - back, back + length), back, output, last);
            joined.Write(output, 0, written);
            if (last)
            {
                return joined.ToArray();
            }
        }
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var inflated = new MemoryStream();
        using (var deflate = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            deflate.CopyTo(inflated);
        }
        return inflated.ToArray();
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Text(int length)
    {
        var random = new Random(11);
        string[] words = ["usr", "lib", "deflate", "the", "of", "package", "\n", "0x1f8b", "{", "}", "return"];
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(100) < 20 ? random.Next(10_000).ToString(System.Globalization.CultureInfo.InvariantCulture) : " ");
        }
        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    /// <summary>Real machine code and metadata: this runtime's CoreLib, present wherever tests run.</summary>
    private static byte[] RuntimeFile(int length)
    {
        byte[] all = File.ReadAllBytes(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Private.CoreLib.dll"));
        return all[..Math.Min(length, all.Length)];
    }
}
