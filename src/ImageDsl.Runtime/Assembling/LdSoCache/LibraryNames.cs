namespace ImageDsl.Assembling.LdSoCache;

/// <summary>apko's rules for which file names in a library folder become cache entries.</summary>
public static class LibraryNames
{
    /// <summary>
    /// `lib*` or `ld-*`, ending in `.so` or holding `.so.` (ldconfig(8): "files named lib*.so* ...
    /// or ld-*.so*"; ldconfig itself also takes `libfoo.sox`, apko does not, nor do we).
    /// </summary>
    public static bool IsLibraryFileName(string name) => Stem(name) is not null;

    /// <summary>
    /// True when <paramref name="name"/> is one of <paramref name="sonames"/> or its link name
    /// (`libz.so` for soname `libz.so.1`). Without a soname only a name ending in `.so` counts.
    /// </summary>
    public static bool MatchesSoname(string name, IReadOnlyList<string> sonames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sonames);
        if (sonames.Count == 0)
        {
            return name.EndsWith(".so", StringComparison.Ordinal) && IsLibraryFileName(name);
        }
        foreach (string soname in sonames)
        {
            if (Stem(soname) is { } stem && (name == soname || name == stem + ".so"))
            {
                return true;
            }
        }
        return false;
    }

    // `libz` for `libz.so` / `libz.so.1.3`; null when the name is no library name.
    private static string? Stem(string name)
    {
        if (!name.StartsWith("lib", StringComparison.Ordinal) && !name.StartsWith("ld-", StringComparison.Ordinal))
        {
            return null;
        }
        if (name.EndsWith(".so", StringComparison.Ordinal))
        {
            return name[..^3];
        }
        int at = name.LastIndexOf(".so.", StringComparison.Ordinal);
        return at >= 1 ? name[..at] : null;
    }
}
