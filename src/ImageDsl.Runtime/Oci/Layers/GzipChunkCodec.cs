using System.Buffers;
using System.Buffers.Binary;
using ImageDsl.Formats.Deflate;

namespace ImageDsl.Oci;

/// <summary>
/// One gzip member made of chunks deflated in parallel and joined as pigz does: every chunk but
/// the last ends with a sync flush (an empty stored block that byte-aligns it and sets no final
/// bit), so the deflate streams concatenate into one valid stream, and each chunk may refer back
/// into the last 32 KiB of the one before (as pigz primes its dictionary), so the split costs
/// almost nothing in size. The trailer's CRC-32 is combined from the chunks'. Our own encoder
/// (<see cref="DeflateEncoder"/>), so the bytes depend on nothing but the input and the level.
/// </summary>
internal sealed class GzipChunkCodec(int level) : IChunkCodec
{
    /// <summary>Uncompressed bytes per chunk.</summary>
    public const int Size = 1 << 20;

    /// <summary>
    /// Literals and matches per deflate block. Smaller blocks follow a tar's changing content
    /// (text, code, already-compressed files) with better-fitting codes; 8192 measured best
    /// on real layers for the size of their headers (docs/benchmarks.md).
    /// </summary>
    public const int BlockSymbols = 8192;

    /// <summary>One encoder per thread and level: each holds ~0.5 MB of match tables.</summary>
    [ThreadStatic]
    private static (int Level, DeflateEncoder Encoder)? t_encoder;

    public int ChunkSize => Size;

    public int History => DeflateTables.WindowSize;

    /// <summary>
    /// Magic, deflate, no flags, mtime 0 (no name, no time: `gzip -n`), XFL 0, OS 255 "unknown"
    /// as Go's compress/gzip (and so apko) writes it.
    /// </summary>
    public void WriteHeader(Stream output) =>
        output.Write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

    public CompressedChunk Compress(ReadOnlySpan<byte> window, int start, bool last)
    {
        ReadOnlySpan<byte> chunk = window[start..];
        DeflateEncoder encoder = Encoder();
        // Pooled, so chunk outputs are reused instead of piling up on the large-object heap.
        byte[] output = ArrayPool<byte>.Shared.Rent(encoder.MaxOutput(chunk.Length));
        int length = encoder.Compress(window, start, output, last);
        return new CompressedChunk(output, length, Crc32.Append(0, chunk), chunk.Length);
    }

    public void WriteTrailer(Stream output, uint crc, long length)
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)length));
        output.Write(trailer);
    }

    private DeflateEncoder Encoder()
    {
        if (t_encoder is { } cached && cached.Level == level)
        {
            return cached.Encoder;
        }
        var encoder = new DeflateEncoder(DeflateLevel.Of(level), BlockSymbols);
        t_encoder = (level, encoder);
        return encoder;
    }
}
