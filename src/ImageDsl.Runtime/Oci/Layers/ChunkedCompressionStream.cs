using System.Buffers;

namespace ImageDsl.Oci;

/// <summary>
/// A write-only stream that cuts its input into the codec's fixed-size chunks, compresses them on
/// the thread pool (every core) and writes the results in input order. At most a bounded number of
/// chunks are in flight, so memory stays flat however large the layer; the output depends only on
/// the input (the chunking is fixed, never on timing or core count). Call <see cref="Finish"/> to
/// write the end of the stream; disposing without it abandons the output.
/// </summary>
/// <remarks>
/// Layers of an origin-layered image are written concurrently, each through its own stream, so
/// besides each stream's own bound every chunk also takes a slot of one process-wide budget: memory
/// stays flat however many layers run at once. A stream waiting for a slot first writes out its own
/// finished chunks (which frees slots), so streams never wait on each other in a cycle.
/// </remarks>
internal sealed class ChunkedCompressionStream : Stream
{
    /// <summary>The most chunks compressing or waiting to be written at once, whatever the core count.</summary>
    private const int MaxInFlightCap = 32;

    /// <summary>Chunk slots shared by every stream of the process.</summary>
    private static readonly SemaphoreSlim Budget = new(Math.Clamp(2 * Environment.ProcessorCount, 4, MaxInFlightCap));

    private readonly Stream _output;
    private readonly IChunkCodec _codec;
    private readonly int _maxInFlight;
    private readonly Queue<(Task<CompressedChunk> Work, byte[] Input)> _pending = new();
    /// <summary>The chunk being filled, after <see cref="_history"/> bytes carried over from the previous one.</summary>
    private byte[] _current;
    private int _history;
    private int _filled;
    private uint _crc;
    private long _length;
    private bool _finished;

    public ChunkedCompressionStream(Stream output, IChunkCodec codec, int? maxInFlight = null)
    {
        _output = output;
        _codec = codec;
        _maxInFlight = Math.Clamp(maxInFlight ?? (2 * Environment.ProcessorCount), 2, MaxInFlightCap);
        _current = ArrayPool<byte>.Shared.Rent(codec.History + codec.ChunkSize);
        codec.WriteHeader(output);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        int chunkSize = _codec.ChunkSize;
        while (buffer.Length > 0)
        {
            int take = Math.Min(chunkSize - _filled, buffer.Length);
            buffer[..take].CopyTo(_current.AsSpan(_history + _filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == chunkSize)
            {
                Submit(last: false);
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Compresses what is left as the last chunk, writes every chunk and the codec's trailer.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        Submit(last: true);
        while (_pending.Count > 0)
        {
            WriteOldest();
        }
        _codec.WriteTrailer(_output, _crc, _length);
        _finished = true;
    }

    /// <summary>Only flushes the underlying stream: a chunk boundary must never depend on flush calls.</summary>
    public override void Flush() => _output.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Abandoned (an error upstream): let running chunks end, drop their results.
            while (_pending.TryDequeue(out var pending))
            {
                try
                {
                    ArrayPool<byte>.Shared.Return(pending.Work.GetAwaiter().GetResult().Buffer);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The upstream error is the one that matters.
                }
                ArrayPool<byte>.Shared.Return(pending.Input);
                Budget.Release();
            }
            if (_current.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = [];
            }
            _finished = true;
        }
        base.Dispose(disposing);
    }

    private void Submit(bool last)
    {
        while (!Budget.Wait(0))
        {
            if (_pending.Count > 0)
            {
                WriteOldest();
            }
            else
            {
                Budget.Wait();
                break;
            }
        }
        byte[] input = _current;
        int start = _history;
        int length = start + _filled;
        IChunkCodec codec = _codec;
        _pending.Enqueue((Task.Run(() => codec.Compress(input.AsSpan(0, length), start, last)), input));
        if (last)
        {
            _current = [];
        }
        else
        {
            // The next chunk starts with the end of this one, which the codec may refer back to.
            _current = ArrayPool<byte>.Shared.Rent(_codec.History + _codec.ChunkSize);
            _history = Math.Min(_codec.History, length);
            input.AsSpan(length - _history, _history).CopyTo(_current);
        }
        _filled = 0;
        while (_pending.Count >= _maxInFlight)
        {
            WriteOldest();
        }
    }

    private void WriteOldest()
    {
        var (work, input) = _pending.Dequeue();
        CompressedChunk chunk;
        try
        {
            chunk = work.GetAwaiter().GetResult();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            Budget.Release();
        }
        try
        {
            _output.Write(chunk.Buffer, 0, chunk.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }
        _crc = Crc32.Combine(_crc, chunk.Crc, chunk.InputLength);
        _length += chunk.InputLength;
    }
}
