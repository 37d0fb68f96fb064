using System.IO.Compression;
using ImageDsl.Formats.Deflate;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// Our deflate encoder writes every gzip layer from package bytes, so any input must round-trip:
/// the payload is cut into two chunks (the second referring back into the first, as layer chunks
/// do), deflated at the mode's level and block size, and inflated with .NET's zlib; a difference,
/// an output over the encoder's bound, or any exception is a crash.
/// </summary>
internal sealed class DeflateTarget : FuzzTarget
{
    private static readonly int[] BlockSizes = [1, 3, 64, 8192];

    public override string Name => "deflate";

    public override string Description => "mode byte: level (1-9) x block size; payload: bytes to deflate as two chunks and inflate back";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 9 * BlockSizes.Length);
        var encoder = new DeflateEncoder(DeflateLevel.Of(1 + (mode % 9)), BlockSizes[mode / 9]);
        int cut = payload.Length / 3;
        var joined = new MemoryStream();
        Chunk(encoder, payload.AsSpan(0, cut), 0, joined, last: false);
        int back = Math.Min(cut, DeflateTables.WindowSize);
        Chunk(encoder, payload.AsSpan(cut - back), back, joined, last: true);
        joined.Position = 0;
        var inflated = new MemoryStream();
        using (var deflate = new DeflateStream(joined, CompressionMode.Decompress))
        {
            deflate.CopyTo(inflated);
        }
        if (!inflated.ToArray().AsSpan().SequenceEqual(payload))
        {
            throw new InvalidOperationException($"mode {mode}: {payload.Length} bytes do not inflate back");
        }
    }

    public override bool IsExpected(Exception error) => false;

    private static void Chunk(DeflateEncoder encoder, ReadOnlySpan<byte> window, int start, MemoryStream output, bool last)
    {
        byte[] buffer = new byte[encoder.MaxOutput(window.Length - start)];
        int length = encoder.Compress(window, start, buffer, last);
        output.Write(buffer, 0, length);
    }
}
