namespace ImageDsl.Tests.LdSoCache;

/// <summary>Runs Debian's real ldconfig (libc-bin) over a <see cref="Layout"/> written to a temp folder.</summary>
internal static class LdconfigRunner
{
    /// <summary>
    /// The cache ldconfig writes for the layout. It reads `/lib` first (apko always scans `/lib`
    /// first), then the layout's own /etc/ld.so.conf. Its built-in folders (/lib/x86_64-linux-gnu,
    /// /usr/lib/x86_64-linux-gnu, /lib, /usr/lib) come after the configured ones, so layouts keep
    /// libraries in configured folders only. `-X`: make no links, `-i`: no aux cache.
    /// </summary>
    public static byte[] Run(Layout layout)
    {
        string ldconfig = RequiredTool.Find("ldconfig", "libc-bin");
        using var root = new TempDirectory("imagedsl-ldso");
        layout.WriteTo(root.Path);
        File.WriteAllText(root.Combine("etc", "ldconfig-test.conf"), "/lib\ninclude /etc/ld.so.conf\n");
        ProcessResult result = ProcessRunner.Run(ldconfig,
            ["-X", "-i", "-r", root.Path, "-C", "/etc/ldconfig-test.cache", "-f", "/etc/ldconfig-test.conf"],
            timeout: TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllBytes(root.Combine("etc", "ldconfig-test.cache"));
    }
}
