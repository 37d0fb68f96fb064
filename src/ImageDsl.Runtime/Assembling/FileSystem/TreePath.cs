using ImageDsl.Errors;

namespace ImageDsl.Assembling.FileSystem;

/// <summary>
/// Normalises paths inside an image. `/a/b`, `a/b`, `a/./b` and `a/b/` all mean `a/b`; `..` is
/// resolved lexically and may never climb above the root. A NUL byte, an empty component (`a//b`)
/// or a climb above the root is refused as an integrity error naming the path.
/// </summary>
public static class TreePath
{
    /// <summary>The components of <paramref name="path"/> after normalisation (empty for the root).</summary>
    public static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0'))
        {
            throw Unsafe(path, "contains a NUL byte");
        }
        string trimmed = path;
        if (trimmed.StartsWith('/'))
        {
            trimmed = trimmed[1..];
        }
        // A trailing '/' is tolerated (apko ignores it too), but only one.
        if (trimmed.EndsWith('/'))
        {
            trimmed = trimmed[..^1];
        }
        if (trimmed.Length == 0)
        {
            return [];
        }
        var parts = new List<string>();
        foreach (string part in trimmed.Split('/'))
        {
            switch (part)
            {
                case "":
                    throw Unsafe(path, "has an empty path component");
                case ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        throw Unsafe(path, "escapes the image root");
                    }
                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(part);
                    continue;
            }
        }
        return parts.ToArray();
    }

    /// <summary>The normalised path relative to the root, without a leading '/' ("" for the root).</summary>
    public static string Normalize(string path) => string.Join('/', Split(path));

    /// <summary>The normalised absolute path ("/" for the root).</summary>
    public static string Absolute(string path) => "/" + Normalize(path);

    private static ImageDslException Unsafe(string path, string why) =>
        new(ErrorKind.Integrity, $"unsafe path '{Printable(path)}' in the image: it {why}",
            "every path must stay inside the image root; check the package or the configuration that names it");

    internal static string Printable(string path) => path.Replace("\0", "\\0", StringComparison.Ordinal);
}
