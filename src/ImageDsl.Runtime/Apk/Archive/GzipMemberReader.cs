using System.Buffers.Binary;
using System.IO.Compression;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Archive;

/// <summary>
/// Reads single gzip members and reports exactly where each ends, which the apk trust chain needs:
/// signatures and checksums cover the compressed bytes of specific members.
/// </summary>
/// <remarks>
/// The BCL inflater reads ahead and gives no consumed-byte count, so the deflate data is fed one
/// byte per read: the inflater then cannot consume past the final block. That is slow per byte, so
/// it is only used for the small signature and control members; the data member is "the rest".
/// </remarks>
public static class GzipMemberReader
{
    /// <summary>Reads the member starting at <paramref name="start"/>, up to <paramref name="maxContent"/> decompressed bytes.</summary>
    /// <param name="stream">A seekable stream holding the concatenated members.</param>
    /// <param name="start">The offset of the member.</param>
    /// <param name="maxContent">The most decompressed bytes accepted (a defence against gzip bombs).</param>
    /// <param name="what">Names the stream in errors (a file name or URL).</param>
    public static GzipMember Read(Stream stream, long start, long maxContent, string what)
    {
        stream.Position = start;
        ReadHeader(stream, what);
        var counting = new OneByteStream(stream);
        var content = new MemoryStream();
        using (var inflate = new DeflateStream(counting, CompressionMode.Decompress, leaveOpen: true))
        {
            byte[] buffer = new byte[16384];
            try
            {
                int n;
                while ((n = inflate.Read(buffer, 0, buffer.Length)) > 0)
                {
                    content.Write(buffer, 0, n);
                    if (content.Length > maxContent)
                    {
                        throw new ImageDslException(ErrorKind.Integrity,
                            $"{what}: a gzip member at offset {start} decompresses to more than {maxContent} bytes",
                            "The file is corrupt or hostile; if it is genuine, raise the size limit.");
                    }
                }
            }
            catch (InvalidDataException e)
            {
                throw Corrupt(what, start, "the deflate data is invalid: " + e.Message);
            }
        }
        Span<byte> trailer = stackalloc byte[8];
        if (ReadFully(stream, trailer) < 8)
        {
            throw Corrupt(what, start, "the member is truncated (no CRC trailer)");
        }
        byte[] bytes = content.ToArray();
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc != Crc32.Update(0, bytes) || size != (uint)bytes.Length)
        {
            throw Corrupt(what, start, "the CRC or length in the gzip trailer does not match the content");
        }
        return new GzipMember(start, stream.Position, bytes);
    }

    private static void ReadHeader(Stream stream, string what)
    {
        long start = stream.Position;
        Span<byte> header = stackalloc byte[10];
        if (ReadFully(stream, header) < 10 || header[0] != 0x1f || header[1] != 0x8b)
        {
            throw Corrupt(what, start, "it is not gzip data");
        }
        if (header[2] != 8)
        {
            throw Corrupt(what, start, $"unknown gzip compression method {header[2]}");
        }
        byte flags = header[3];
        if ((flags & 0x04) != 0) // FEXTRA
        {
            Span<byte> len = stackalloc byte[2];
            if (ReadFully(stream, len) < 2)
            {
                throw Corrupt(what, start, "truncated gzip header");
            }
            stream.Seek(BinaryPrimitives.ReadUInt16LittleEndian(len), SeekOrigin.Current);
        }
        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated(stream, what, start); // FNAME
        }
        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated(stream, what, start); // FCOMMENT
        }
        if ((flags & 0x02) != 0)
        {
            stream.Seek(2, SeekOrigin.Current); // FHCRC
        }
    }

    private static void SkipZeroTerminated(Stream stream, string what, long start)
    {
        int b;
        while ((b = stream.ReadByte()) > 0)
        {
        }
        if (b < 0)
        {
            throw Corrupt(what, start, "truncated gzip header");
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private static ImageDslException Corrupt(string what, long offset, string reason) =>
        new(ErrorKind.Integrity, $"{what}: corrupt gzip member at offset {offset}: {reason}",
            "The file is damaged or was tampered with; fetch it again from a trusted source.");

    /// <summary>Hands the inflater one byte per read so it never consumes past the member's end.</summary>
    private sealed class OneByteStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => count == 0 ? 0 : inner.Read(buffer, offset, 1);
        public override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : inner.Read(buffer[..1]);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
