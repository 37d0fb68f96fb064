using System.Runtime.InteropServices;

namespace ImageDsl.Formats.Files;

/// <summary>
/// Copies bytes from one regular file into another inside the kernel (Linux `copy_file_range`), without passing them
/// through this process: writing a 45 MB layer blob into an image tar this way saved about 25 ms of a 0.85 s build
/// (docs/benchmarks.md). Anything else (other systems, pipes, file systems that refuse) copies nothing and returns 0,
/// and the caller falls back to its own loop.
/// </summary>
internal static class FileRangeCopy
{
    private const int MaxStep = 1 << 30;

    /// <summary>
    /// Copies up to <paramref name="count"/> bytes from <paramref name="source"/>'s position to
    /// <paramref name="target"/>'s position and advances both; returns the bytes copied (0 when the kernel cannot).
    /// </summary>
    public static long TryCopy(FileStream source, FileStream target, long count)
    {
        if (!OperatingSystem.IsLinux() || count <= 0 || !source.CanSeek || !target.CanSeek)
        {
            return 0;
        }
        target.Flush(); // buffered bytes go first, so the target's position is where the file ends
        long sourceOffset = source.Position;
        long targetOffset = target.Position;
        long copied = 0;
        bool sourceReferenced = false, targetReferenced = false;
        try
        {
            source.SafeFileHandle.DangerousAddRef(ref sourceReferenced);
            target.SafeFileHandle.DangerousAddRef(ref targetReferenced);
            int input = (int)source.SafeFileHandle.DangerousGetHandle();
            int output = (int)target.SafeFileHandle.DangerousGetHandle();
            while (copied < count)
            {
                long step = CopyFileRange(input, ref sourceOffset, output, ref targetOffset, (nuint)Math.Min(count - copied, MaxStep), 0);
                if (step <= 0)
                {
                    break; // an error (EXDEV, ENOSYS, EINVAL...) or the source's end: the caller copies the rest
                }
                copied += step;
            }
        }
        finally
        {
            if (targetReferenced)
            {
                target.SafeFileHandle.DangerousRelease();
            }
            if (sourceReferenced)
            {
                source.SafeFileHandle.DangerousRelease();
            }
        }
        source.Position = sourceOffset;
        target.Position = targetOffset;
        return copied;
    }

    [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static extern long CopyFileRange(int input, ref long inputOffset, int output, ref long outputOffset, nuint length, uint flags);
}
