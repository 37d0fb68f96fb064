using System.Runtime.InteropServices;

namespace ImageDsl.Testing.Running;

/// <summary>libc calls .NET has no API for.</summary>
internal static class NativeMethods
{
    /// <summary>Changes the owner of a path without following a symbolic link.</summary>
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int lchown(string path, uint owner, uint group);

    /// <summary>The effective user id of this process.</summary>
    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern uint geteuid();

    /// <summary>The effective group id of this process.</summary>
    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern uint getegid();
}
