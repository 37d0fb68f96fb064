namespace ImageDsl.Apk.Packages;

/// <summary>A forward-only, read-only stream wrapper; subclasses implement <see cref="Read(Span{byte})"/>.</summary>
internal abstract class ReadOnlyStreamBase : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public abstract override int Read(Span<byte> buffer);
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Hashes every byte read through it (the compressed data member, for `datahash`).</summary>
internal sealed class HashingReadStream(Stream inner, System.Security.Cryptography.IncrementalHash hash) : ReadOnlyStreamBase
{
    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        hash.AppendData(buffer[..n]);
        return n;
    }
}

/// <summary>Hands every byte read through it to <paramref name="copy"/> as well (the inflated data, for the expanded cache).</summary>
internal sealed class TeeReadStream(Stream inner, SpanAction copy) : ReadOnlyStreamBase
{
    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        copy(buffer[..n]);
        return n;
    }
}

/// <summary>Receives a span of bytes.</summary>
internal delegate void SpanAction(ReadOnlySpan<byte> bytes);

/// <summary>Fails once more than a set number of bytes have been read (a defence against gzip bombs).</summary>
internal sealed class SizeLimitedReadStream(Stream inner, long limit, Func<Exception> tooLarge) : ReadOnlyStreamBase
{
    private long _total;

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        _total += n;
        if (_total > limit)
        {
            throw tooLarge();
        }
        return n;
    }
}

/// <summary>Reads a shared seekable stream from an offset with its own position; never closes the shared stream.</summary>
internal sealed class OffsetReadStream(Stream shared, long start) : ReadOnlyStreamBase
{
    private long _position = start;

    public override int Read(Span<byte> buffer)
    {
        lock (shared)
        {
            shared.Position = _position;
            int n = shared.Read(buffer);
            _position += n;
            return n;
        }
    }
}
