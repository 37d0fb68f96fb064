using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;

namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// Forgiving path handling for names that come from inside the image (conf lines, globs): they are
/// cleaned instead of refused, and a symlink loop reads as "not there", as it does for ldconfig.
/// </summary>
internal static class LdSoPaths
{
    /// <summary>`/`-rooted and clean: no empty, `.` or `..` components (`..` stops at the root).</summary>
    public static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>The node at <paramref name="path"/> (symlinks followed inside the tree), or null.</summary>
    public static FileNode? Lookup(FileTree tree, string path)
    {
        if (path.Contains('\0'))
        {
            return null;
        }
        try
        {
            return tree.Lookup(Clean(path));
        }
        catch (ImageDslException e) when (e.Kind == ErrorKind.Integrity)
        {
            return null;
        }
    }
}
