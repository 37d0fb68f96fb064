namespace ImageDsl.Apk.Packages;

/// <summary>Normalises tar entry names to relative paths that cannot leave the image root.</summary>
internal static class EntryPath
{
    /// <summary>
    /// `./usr//bin/` → `usr/bin`. Returns null with a reason for names that are absolute, contain
    /// NUL or another control character (a newline would forge a record in the installed database), or
    /// have a `..` component (even `a/../b`: a package has no reason to write one). The root itself
    /// (`.`, `./`) normalises to "".
    /// </summary>
    public static string? Normalize(string name, out string? problem)
    {
        problem = null;
        if (name.Contains('\0'))
        {
            problem = "the name contains a NUL byte";
            return null;
        }
        if (EntryLimits.FirstControlCharacter(name) is { } control)
        {
            problem = $"the name contains the control character {EntryLimits.Describe(control)}";
            return null;
        }
        if (name.StartsWith('/'))
        {
            problem = "the name is an absolute path";
            return null;
        }
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                problem = "the name has a '..' component and could escape the image root";
                return null;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
