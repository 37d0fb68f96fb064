using System.Buffers;
using ZstdSharp;

namespace ImageDsl.Oci;

/// <summary>
/// A zstd stream made of one independent frame per fixed-size chunk (concatenated frames are one
/// valid zstd stream), each frame recording its content size. The chunks are compressed on every
/// core, and the bytes depend only on the input and the level.
/// </summary>
internal sealed class ZstdChunkCodec(int level) : IChunkCodec
{
    /// <summary>Uncompressed bytes per frame: larger than zstd's window at low levels, so little is lost.</summary>
    public const int Size = 4 << 20;

    public int ChunkSize => Size;

    /// <summary>Frames are independent: zstd's window at these levels is far smaller than a frame.</summary>
    public int History => 0;

    public void WriteHeader(Stream output)
    {
    }

    public CompressedChunk Compress(ReadOnlySpan<byte> window, int start, bool last)
    {
        ReadOnlySpan<byte> chunk = window[start..];
        using var compressor = new Compressor(level);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(chunk.Length));
        int length = compressor.Wrap(chunk, buffer);
        return new CompressedChunk(buffer, length, 0, chunk.Length);
    }

    public void WriteTrailer(Stream output, uint crc, long length)
    {
    }
}
