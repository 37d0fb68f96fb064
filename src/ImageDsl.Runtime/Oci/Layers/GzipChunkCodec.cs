using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace ImageDsl.Oci;

/// <summary>
/// One gzip member made of independently deflated chunks, joined as pigz does: every chunk but the
/// last ends with a sync flush (an empty stored block that byte-aligns it and sets no final bit), so
/// the raw deflate streams concatenate into one valid stream; the trailer's CRC-32 is combined from
/// the chunks'. .NET does not expose zlib's preset dictionary, so chunks start without the previous
/// chunk's window; a 1 MiB chunk keeps that loss small (measured in `docs/benchmarks.md`).
/// </summary>
internal sealed class GzipChunkCodec(int level) : IChunkCodec
{
    /// <summary>Uncompressed bytes per chunk.</summary>
    public const int Size = 1 << 20;

    public int ChunkSize => Size;

    /// <summary>
    /// Magic, deflate, no flags, mtime 0 (no name, no time: `gzip -n`), XFL 0, OS 255 "unknown"
    /// as Go's compress/gzip (and so apko) writes it.
    /// </summary>
    public void WriteHeader(Stream output) =>
        output.Write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

    public CompressedChunk Compress(ReadOnlySpan<byte> chunk, bool last)
    {
        if (chunk.IsEmpty)
        {
            // DeflateStream writes nothing for no input; the stream still needs its final block
            // (only the last chunk can be empty): BFINAL, fixed Huffman, end-of-block.
            byte[] final = ArrayPool<byte>.Shared.Rent(2);
            final[0] = 0x03;
            final[1] = 0x00;
            return new CompressedChunk(final, last ? 2 : 0, 0, 0);
        }
        uint crc = Crc32.Append(0, chunk);
        // A pooled buffer larger than deflate's worst case (stored blocks: 5 bytes per 16 KiB, plus
        // the flush and final blocks), so chunk outputs are reused instead of piling up on the
        // large-object heap between full collections.
        byte[] output = ArrayPool<byte>.Shared.Rent(chunk.Length + (chunk.Length / 64) + 1024);
        var buffer = new MemoryStream(output, 0, output.Length, writable: true, publiclyVisible: true);
        long length;
        var options = new ZLibCompressionOptions { CompressionLevel = level, CompressionStrategy = ZLibCompressionStrategy.Default };
        using (var deflate = new DeflateStream(buffer, options, leaveOpen: true))
        {
            deflate.Write(chunk);
            // Flush is zlib's Z_SYNC_FLUSH: everything so far, byte-aligned, not final. Disposing
            // then adds a final empty block, which only the last chunk keeps.
            deflate.Flush();
            length = buffer.Position;
        }
        if (last)
        {
            length = buffer.Position;
        }
        return new CompressedChunk(output, (int)length, crc, chunk.Length);
    }

    public void WriteTrailer(Stream output, uint crc, long length)
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)length));
        output.Write(trailer);
    }
}
