using ImageDsl.Apk.Packages;

namespace ImageDsl.Tests.Packages;

/// <summary>The read-ahead under package inflation: same bytes, same errors, and it stops when dropped.</summary>
public class ReadAheadStreamTests
{
    private static byte[] Data(int length)
    {
        byte[] data = new byte[length];
        new Random(16).NextBytes(data);
        return data;
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 1)]
    [InlineData(1000, 3)]
    [InlineData(3 * 4096 + 17, 4096)]
    [InlineData(100_000, 65_536)]
    public void Yields_the_source_bytes_in_order_whatever_the_read_sizes(int length, int readSize)
    {
        byte[] data = Data(length);
        using var ahead = new ReadAheadStream(new MemoryStream(data), blockSize: 4096, depth: 2);
        using var copy = new MemoryStream();
        byte[] buffer = new byte[readSize];
        int n;
        while ((n = ahead.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, n);
        }
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(0, ahead.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void An_error_of_the_source_is_thrown_by_the_read_that_reaches_it()
    {
        byte[] data = Data(10_000);
        using var ahead = new ReadAheadStream(new FailingStream(data, failAfter: 8192), blockSize: 4096, depth: 2);
        byte[] buffer = new byte[4096];
        Assert.Equal(4096, ahead.Read(buffer, 0, buffer.Length));
        Assert.Equal(data[..4096], buffer);
        Assert.Equal(4096, ahead.Read(buffer, 0, buffer.Length));
        var error = Assert.Throws<InvalidDataException>(() => ahead.Read(buffer, 0, buffer.Length));
        Assert.Equal("damaged", error.Message);
    }

    [Fact]
    public void Disposing_before_the_end_stops_the_reader()
    {
        var source = new MemoryStream(Data(1_000_000));
        var ahead = new ReadAheadStream(source, blockSize: 4096, depth: 2);
        Assert.Equal(100, ahead.Read(new byte[100], 0, 100));
        ahead.Dispose(); // waits for the reading thread, which is blocked on a full queue
        Assert.True(source.Position < source.Length);
        Assert.Throws<ObjectDisposedException>(() => ahead.Read(new byte[1], 0, 1));
    }

    private sealed class FailingStream(byte[] data, int failAfter) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer)
        {
            if (Position >= failAfter)
            {
                throw new InvalidDataException("damaged");
            }
            return base.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - Position)]);
        }
    }
}
