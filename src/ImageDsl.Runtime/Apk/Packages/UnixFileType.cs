using System.Runtime.InteropServices;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// Tells FIFOs, sockets and devices from regular files, which .NET's FileAttributes cannot (it calls
/// them all Normal, and opening a FIFO would block). Uses Linux `statx`, whose layout is the same on
/// every architecture; elsewhere the check is skipped.
/// </summary>
internal static class UnixFileType
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mode is a u16 at offset 28
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    private static bool _unavailable;

    /// <summary>False only when the entry is known not to be a regular file (nor a directory or symlink).</summary>
    public static bool MaybeRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux() || _unavailable)
        {
            return true;
        }
        byte[] buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return true; // the open that follows reports real errors
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return true;
        }
        int mode = BitConverter.ToUInt16(buffer, ModeOffset);
        return (mode & TypeMask) == RegularFile;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
