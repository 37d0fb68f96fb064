using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// floor.sh's work done in-process with the codec our builds use: SHA-256 and gunzip (.NET's
/// GZipStream) of each installed data member, then per layer SHA-256 of the tar and our parallel gzip
/// (<see cref="ImageDsl.Oci.LayerWriter.Compress"/> at the default level) with SHA-256 of the output. The gap between
/// this and <see cref="WarmBuildBenchmarks"/> is our own overhead; the gap to floor.sh's gzip is the codec.
/// </summary>
public class InProcessFloorBenchmarks
{
    private string[] _data = [];
    private string[] _layers = [];

    [ParamsSource(nameof(Images))]
    public string Image { get; set; } = "busybox";

    public static IEnumerable<string> Images => BenchInputs.Scenarios;

    [GlobalSetup]
    public void Setup()
    {
        BenchInputs.EnsureRepositories();
        (_data, _layers) = Inputs(Image);
        Floor();
    }

    [Benchmark(Description = "in-process floor (our gzip + SHA256)")]
    public long Floor() => Run(_data, _layers);

    /// <summary>The files of a scenario's floor folder (data members, layer tars).</summary>
    public static (string[] Data, string[] Layers) Inputs(string scenario)
    {
        string folder = Path.Combine(BenchInputs.Root, "floor", scenario);
        if (!File.Exists(Path.Combine(folder, "layers.txt")))
        {
            BenchInputs.WriteFloorInputsAsync(scenario).GetAwaiter().GetResult();
        }
        return (Directory.GetFiles(Path.Combine(folder, "data"), "*.gz").Order(StringComparer.Ordinal).ToArray(),
            Directory.GetFiles(Path.Combine(folder, "layers"), "*.tar").Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>One floor pass.</summary>
    public static long Run(string[] data, string[] layers)
    {
        long total = 0;
        foreach (string member in data)
        {
            using (FileStream file = File.OpenRead(member))
            {
                total += SHA256.HashData(file)[0];
            }
            using FileStream compressed = File.OpenRead(member);
            using var gunzip = new GZipStream(compressed, CompressionMode.Decompress);
            gunzip.CopyTo(Stream.Null);
        }
        foreach (string layer in layers)
        {
            using (FileStream file = File.OpenRead(layer))
            {
                total += SHA256.HashData(file)[0];
            }
            using FileStream tar = File.OpenRead(layer);
            using var output = new HashingNull();
            ImageDsl.Oci.LayerWriter.Compress(tar, output, ImageDsl.Oci.LayerCompression.Gzip);
            total += output.Finish()[0];
        }
        return total;
    }

    /// <summary>Hashes what is written and keeps nothing.</summary>
    private sealed class HashingNull : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public byte[] Finish() => _hash.GetHashAndReset();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _hash.AppendData(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _hash.AppendData(buffer);
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
