using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ImageDsl.Oci;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// The `deflate-levels &lt;tar&gt; [gzip -6 size]` verb (run by benchmarks/deflate-levels.sh): compresses one
/// tar with every gzip level of our layer writer (parallel, as builds do) and, for comparison, with
/// .NET's zlib-ng (the codec of gzip layers before our encoder, 1 MiB chunks in parallel), printing a
/// markdown row per codec: wall and CPU time of the best of three passes, size, and size against
/// `gzip -6 -n` when given. Then levels 5 and 6 at several deflate block sizes, on one thread.
/// </summary>
public static class DeflateLevels
{
    public static void Run(string tarPath, long? gzip6)
    {
        byte[] tar = File.ReadAllBytes(tarPath);
        Console.WriteLine($"{tar.Length} bytes of tar, {Environment.ProcessorCount} cores");
        Console.WriteLine("| codec | wall | CPU | bytes | / `gzip -6 -n` |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int level = 1; level <= 9; level++)
        {
            var compression = LayerCompression.Parse("gzip:" + level.ToString(CultureInfo.InvariantCulture));
            Row($"ours gzip:{level}", gzip6, () =>
            {
                var counter = new CountingStream();
                LayerWriter.Compress(new MemoryStream(tar, writable: false), counter, compression);
                return counter.Length;
            });
        }
        foreach (int level in new[] { 6, 9 })
        {
            Row($"zlib-ng {level} (.NET DeflateStream)", gzip6, () => ZlibNg(tar, level));
        }
        // The block size (GzipChunkCodec.BlockSymbols) was chosen from these rows.
        foreach (int level in new[] { 5, 6 })
        {
            foreach (int blockSymbols in new[] { 4096, 8192, 16384, 32768, 65536 })
            {
                Row($"ours gzip:{level}, {blockSymbols}-symbol blocks, one thread", gzip6, () => OneThread(tar, level, blockSymbols));
            }
        }
    }

    /// <summary>Our encoder over the layer writer's chunks (1 MiB, 32 KiB of history) on one thread, at any block size.</summary>
    private static long OneThread(byte[] tar, int level, int blockSymbols)
    {
        var encoder = new ImageDsl.Formats.Deflate.DeflateEncoder(ImageDsl.Formats.Deflate.DeflateLevel.Of(level), blockSymbols);
        const int chunk = GzipChunkCodec.Size;
        byte[] output = new byte[encoder.MaxOutput(chunk)];
        long total = 18;
        for (int offset = 0; offset < tar.Length; offset += chunk)
        {
            int back = Math.Min(offset, 32768);
            int length = Math.Min(chunk, tar.Length - offset);
            total += encoder.Compress(tar.AsSpan(offset - back, back + length), back, output, offset + length >= tar.Length);
        }
        return total;
    }

    private static void Row(string name, long? gzip6, Func<long> compress)
    {
        (double Wall, double Cpu, long Size) best = (double.MaxValue, 0, 0);
        for (int pass = 0; pass < 3; pass++)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            long size = compress();
            double seconds = wall.Elapsed.TotalSeconds;
            double used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (seconds < best.Wall)
            {
                best = (seconds, used, size);
            }
        }
        string ratio = gzip6 is { } g ? ((double)best.Size / g).ToString("F4", CultureInfo.InvariantCulture) : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {best.Wall:F2} s | {best.Cpu:F2} s | {best.Size:N0} | {ratio} |"));
    }

    private static long ZlibNg(byte[] tar, int level)
    {
        const int chunk = 1 << 20;
        int chunks = (tar.Length + chunk - 1) / chunk;
        long total = 0;
        Parallel.For(0, chunks, i =>
        {
            var counter = new CountingStream();
            using (var deflate = new DeflateStream(counter, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
            {
                deflate.Write(tar, i * chunk, Math.Min(chunk, tar.Length - (i * chunk)));
            }
            Interlocked.Add(ref total, counter.Length);
        });
        return total + 18;
    }

    /// <summary>Counts what is written and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
