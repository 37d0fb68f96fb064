using ImageDsl.Errors;

namespace ImageDsl.Apk.Index;

/// <summary>Fails once more than a set number of bytes has been read: the defence against gzip bombs.</summary>
internal sealed class SizeLimitedStream(Stream inner, long limit, string what) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        _read += n;
        if (limit >= 0 && _read > limit)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"{what}: the index decompresses to more than {limit} bytes",
                "Raise the limit with --max-apkindex-decompressed-size (-1 = unlimited) if the repository is genuine.");
        }
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
