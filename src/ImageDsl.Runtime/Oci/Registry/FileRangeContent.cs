using System.Buffers;
using System.Net;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Request content that streams <c>length</c> bytes of a file from <c>offset</c>, opening the file
/// anew each time it is sent, so a retried request re-reads from disk and nothing is held in memory.
/// </summary>
internal sealed class FileRangeContent : HttpContent
{
    private const int BufferSize = 128 * 1024;
    private readonly string path;
    private readonly long offset;
    private readonly long length;

    public FileRangeContent(string path, long offset, long length)
    {
        this.path = path;
        this.offset = offset;
        this.length = length;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            file.Seek(offset, SeekOrigin.Begin);
            long remaining = length;
            while (remaining > 0)
            {
                int read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new IOException($"{path} ended {remaining} bytes early; the layout changed while it was pushed");
                }
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
