using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// Reads its source on another thread, a bounded number of blocks ahead of the reader: a package's
/// data member is inflated (and its SHA-256 taken) on one core while the tar entries are parsed,
/// SHA-1-checked and stored on another. The bytes are the source's, in order; an error of the source
/// is thrown by the read that reaches it. Disposing stops the reading thread and waits for it, so
/// the source can be disposed right after.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStreamBase
{
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _blocks;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private ExceptionDispatchInfo? _failure;
    private byte[]? _current;
    private int _offset;
    private int _length;
    private bool _ended;
    private bool _disposed;

    /// <summary>Starts reading <paramref name="source"/> in blocks of <paramref name="blockSize"/> bytes, at most <paramref name="depth"/> ahead.</summary>
    public ReadAheadStream(Stream source, int blockSize = 256 * 1024, int depth = 4)
    {
        _blocks = new BlockingCollection<(byte[], int)>(Math.Max(1, depth));
        CancellationToken stop = _stop.Token;
        _reader = Task.Factory.StartNew(() => Fill(source, blockSize, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }
        while (_current is null || _offset == _length)
        {
            if (_current is not null)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = null;
            }
            if (_ended)
            {
                return 0;
            }
            if (!_blocks.TryTake(out var block, Timeout.Infinite))
            {
                _ended = true;
                _failure?.Throw();
                return 0;
            }
            (_current, _length, _offset) = (block.Buffer, block.Length, 0);
        }
        int n = Math.Min(buffer.Length, _length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            try
            {
                _reader.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
            while (_blocks.TryTake(out var block))
            {
                ArrayPool<byte>.Shared.Return(block.Buffer);
            }
            if (_current is not null)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = null;
            }
            _blocks.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Fill(Stream source, int blockSize, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(blockSize);
                int length;
                try
                {
                    length = source.ReadAtLeast(buffer.AsSpan(0, blockSize), blockSize, throwOnEndOfStream: false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                try
                {
                    _blocks.Add((buffer, length), stop);
                }
                catch (OperationCanceledException)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _blocks.CompleteAdding();
        }
    }
}
