namespace ImageDsl.Assembling.Busybox;

/// <summary>The applet links of busybox from version <paramref name="Since"/> on (until the next list's version).</summary>
/// <param name="Since">The first busybox version (major.minor.patch) the list is for.</param>
/// <param name="Links">Relative paths to link to `/bin/busybox`, in ordinal order.</param>
internal sealed record BusyboxAppletList(Version Since, IReadOnlyList<string> Links);
