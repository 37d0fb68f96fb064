using System.Buffers;
using ImageDsl.Assembling.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace ImageDsl.Assembling.Install;

/// <summary>
/// Holds the bodies of installed files. Small files stay in memory until their total reaches the build's
/// memory budget; large ones, and every file past the budget, are copied into one temporary file
/// (deleted on dispose) and read back by offset when the layer is written, so a build's memory grows
/// neither with package size nor with the number of files (4,096 files of 256 KiB stay within the budget).
/// Safe to call from several threads at once (packages are read ahead in parallel): each body gets its
/// own range of the file, reserved before it is written.
/// </summary>
public sealed class ContentSpill : IDisposable
{
    /// <summary>The default total of file bytes kept in memory per build: 64 MiB.</summary>
    public const long DefaultMemoryBudget = 64L * 1024 * 1024;

    private const int InMemoryLimit = 256 * 1024;

    private const int CopyBufferSize = 81920;

    private readonly long _memoryBudget;
    private long _inMemory;

    private readonly string _path;
    private readonly SafeFileHandle _handle;
    private long _length;

    /// <summary>Creates the spill file in <paramref name="directory"/>; at most <paramref name="memoryBudget"/> bytes of file bodies stay in memory.</summary>
    public ContentSpill(string directory, long memoryBudget = DefaultMemoryBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudget);
        _memoryBudget = memoryBudget;
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, $"content-{Guid.NewGuid():N}.spill");
        _handle = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, FileOptions.DeleteOnClose);
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes from <paramref name="content"/> and returns them as file content.</summary>
    public FileContent Store(Stream content, long size, byte[]? sha1)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size <= InMemoryLimit && TryReserveMemory(size))
        {
            byte[] bytes = new byte[size];
            content.ReadExactly(bytes);
            return FileContent.FromBytes(bytes);
        }
        long offset = Interlocked.Add(ref _length, size) - size;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyBufferSize, Math.Max(size, 1)));
        try
        {
            long written = 0;
            while (written < size)
            {
                int n = content.Read(buffer, 0, (int)Math.Min(buffer.Length, size - written));
                if (n == 0)
                {
                    throw new EndOfStreamException($"a package file ended {size - written} bytes early");
                }
                RandomAccess.Write(_handle, buffer.AsSpan(0, n), offset + written);
                written += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return FileContent.FromSource(size, () => new RangeStream(_handle, offset, size), sha1);
    }

    /// <summary>Takes <paramref name="size"/> bytes of the memory budget if that many are left.</summary>
    private bool TryReserveMemory(long size)
    {
        long used = Volatile.Read(ref _inMemory);
        while (size <= _memoryBudget - used)
        {
            long seen = Interlocked.CompareExchange(ref _inMemory, used + size, used);
            if (seen == used)
            {
                return true;
            }
            used = seen;
        }
        return false;
    }

    /// <summary>The bytes of file bodies held in memory so far (never more than the budget).</summary>
    public long BytesInMemory => Volatile.Read(ref _inMemory);

    /// <summary>The bytes written to the spill file so far.</summary>
    public long BytesSpilled => Volatile.Read(ref _length);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    /// <summary>A read-only view of part of the spill file; positional reads, so several can be open at once.</summary>
    private sealed class RangeStream(SafeFileHandle handle, long start, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0)
            {
                return 0;
            }
            int n = RandomAccess.Read(handle, buffer[..wanted], start + _position);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
