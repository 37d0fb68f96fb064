using System.Runtime.InteropServices;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// A write-only stream over an inherited Unix file descriptor that calls write(2) itself, so every write
/// lands at the descriptor's shared file offset (or at the end, under O_APPEND).
/// </summary>
/// <remarks>
/// Why not a <see cref="FileStream"/> over the descriptor: on a regular file FileStream keeps its own
/// position and writes with pwrite(2) at it, which never moves the offset the shell and our other
/// stream share. With `&gt; log 2&gt;&amp;1` stdout and stderr then overwrite each other from offset 0, and
/// in `{ echo a; dotnet image version; echo b; } &gt; f` the shell's `b` overwrites our line.
/// System.Console's own stream does call write(2), but its first write initialises the terminal
/// (see <see cref="StandardStreams"/>).
/// Once the reader of a pipe has gone (EPIPE; the runtime ignores SIGPIPE) later writes are dropped
/// quietly, as System.Console does, so `dotnet image version | head -c1` does not fail.
/// </remarks>
internal sealed class DescriptorWriteStream(int descriptor) : Stream
{
    private const int Interrupted = 4; // EINTR, the same on Linux and the BSDs
    private const int BrokenPipe = 32; // EPIPE, likewise
    private const short PollOut = 0x0004; // POLLOUT, likewise
    private static readonly int WouldBlock = OperatingSystem.IsLinux() ? 11 : 35; // EAGAIN

    private bool _broken;

    /// <summary>The descriptor written to.</summary>
    public int Descriptor => descriptor;

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes all of <paramref name="buffer"/>, looping over short writes.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!_broken && !buffer.IsEmpty)
        {
            nint written = WriteSystemCall(descriptor, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }
            int error = Marshal.GetLastPInvokeError();
            if (error == Interrupted)
            {
                continue;
            }
            if (error == WouldBlock)
            {
                // A descriptor shared with a parent that made it non-blocking: wait until it can take more.
                var poll = new PollDescriptor { Descriptor = descriptor, Events = PollOut };
                _ = Poll(ref poll, 1, -1);
                continue;
            }
            if (error == BrokenPipe)
            {
                _broken = true;
                return;
            }
            throw new IOException($"cannot write to file descriptor {descriptor}: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }
    }

    /// <summary>Nothing to do: every write goes straight to the descriptor.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteSystemCall(int descriptor, ref byte buffer, nuint count);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollDescriptor descriptors, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
