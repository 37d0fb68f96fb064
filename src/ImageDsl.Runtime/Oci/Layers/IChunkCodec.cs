namespace ImageDsl.Oci;

/// <summary>
/// A compressed format built from independently compressed, fixed-size chunks: whatever the core
/// count, the same input gives the same chunks and so the same bytes.
/// </summary>
internal interface IChunkCodec
{
    /// <summary>Uncompressed bytes per chunk (fixed: it decides the output bytes).</summary>
    int ChunkSize { get; }

    /// <summary>
    /// How many bytes before a chunk its compression may refer back to (the end of the previous
    /// chunk; 0 when chunks are fully independent). Still fixed, so still no dependence on timing.
    /// </summary>
    int History { get; }

    /// <summary>Writes what precedes the first chunk.</summary>
    void WriteHeader(Stream output);

    /// <summary>
    /// Compresses one chunk, <c>window[start..]</c>, where <c>window[..start]</c> is up to
    /// <see cref="History"/> bytes of input before it (called on any thread, concurrently).
    /// <paramref name="last"/> is true for the final chunk, which may be empty.
    /// </summary>
    CompressedChunk Compress(ReadOnlySpan<byte> window, int start, bool last);

    /// <summary>Writes what follows the last chunk, given every chunk's result in order.</summary>
    void WriteTrailer(Stream output, uint crc, long length);
}

/// <summary>
/// One chunk's compressed bytes: the first <paramref name="Length"/> bytes of a buffer rented from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/>, returned there once written; and its CRC-32.
/// </summary>
internal readonly record struct CompressedChunk(byte[] Buffer, int Length, uint Crc, int InputLength);
