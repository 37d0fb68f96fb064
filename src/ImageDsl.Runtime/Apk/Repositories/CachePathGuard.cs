using ImageDsl.Errors;

namespace ImageDsl.Apk.Repositories;

/// <summary>
/// Keeps every path the cache touches inside its root and off symbolic links. The cache folder may be
/// shared with other users or builds, so a link planted inside it (a folder or a file) could send our
/// writes, or our pruning, anywhere: every folder between the root and the target is checked, and one
/// that is a link is an error, never followed. The root itself is the user's choice and may be a link.
/// </summary>
/// <remarks>
/// The checks run just before each use; another user racing to swap a folder for a link in between
/// can still win. A cache only you can write (the default, under your home) has no such race.
/// </remarks>
internal static class CachePathGuard
{
    /// <summary>The full form of <paramref name="path"/>; throws when it is not strictly inside <paramref name="root"/>.</summary>
    public static string Confine(string root, string path)
    {
        string full = Path.GetFullPath(path);
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal) || full.Length == prefix.Length)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"refusing to use {full}: it is outside the cache folder {root}",
                "A repository or index named a path that leaves the cache; remove the repository or report it to its maintainers.");
        }
        return full;
    }

    /// <summary>Creates <paramref name="directory"/> (inside <paramref name="root"/>) one level at a time, refusing links on the way.</summary>
    public static void EnsureDirectory(string root, string directory)
    {
        foreach (string level in Levels(root, directory))
        {
            if (!Directory.Exists(level) && !File.Exists(level))
            {
                Directory.CreateDirectory(level);
            }
            RefuseLink(root, level);
        }
    }

    /// <summary>Throws when a folder between <paramref name="root"/> and <paramref name="directory"/> (included) is a link; missing folders are fine.</summary>
    public static void CheckNoLinks(string root, string directory)
    {
        foreach (string level in Levels(root, directory))
        {
            if (!Directory.Exists(level) && !File.Exists(level))
            {
                return;
            }
            RefuseLink(root, level);
        }
    }

    /// <summary>The folders from just below the root down to <paramref name="directory"/>.</summary>
    private static IEnumerable<string> Levels(string root, string directory)
    {
        string full = Confine(root, directory);
        string[] parts = full[(root.TrimEnd(Path.DirectorySeparatorChar).Length + 1)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        foreach (string part in parts)
        {
            current = Path.Combine(current, part);
            yield return current;
        }
    }

    private static void RefuseLink(string root, string level)
    {
        var info = new DirectoryInfo(level);
        if (info.LinkTarget is { } target)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"the cache folder {level} is a symbolic link (to {target}); the cache never follows links",
                $"Someone with write access to {root} planted it. Remove it, or use a cache folder only you can write (--cache-dir).");
        }
        if (!info.Exists)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"the cache path {level} should be a folder but is a file",
                $"Remove it (or the whole cache: dotnet image clean --cache-dir {root}).");
        }
    }
}
