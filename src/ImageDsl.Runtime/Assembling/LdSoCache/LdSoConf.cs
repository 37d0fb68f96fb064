using System.Text;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// Reads `/etc/ld.so.conf` inside the image the way glibc's ldconfig does: one directory a line,
/// `#` starts a comment, surrounding blanks are dropped, paths are cleaned (`/usr/lib/` is `/usr/lib`), a libc5-era `=type`
/// suffix is ignored, `hwcap` lines are ignored, and `include PATTERN...` reads every file the glob
/// patterns match (sorted; a relative pattern is relative to the including file's folder; `*` and
/// `?` do not match a leading dot). Every line is read: apko stops at the first `include` line,
/// losing the directories after it; we do not copy that. A file already being read is not read
/// again (by identity, whatever the path or link used), so include loops end.
/// </summary>
public static class LdSoConf
{
    /// <summary>Where the configuration lives.</summary>
    public const string Path = "etc/ld.so.conf";

    /// <summary>The directories named by <paramref name="confPath"/> and its includes, in order, each once, as clean absolute paths.</summary>
    public static IReadOnlyList<string> Directories(FileTree tree, string confPath = Path)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var directories = new List<string>();
        Read(tree, LdSoPaths.Clean(confPath), directories, new HashSet<FileNode>(ReferenceEqualityComparer.Instance));
        return directories;
    }

    private static void Read(FileTree tree, string file, List<string> directories, HashSet<FileNode> reading)
    {
        file = LdSoPaths.Clean(file);
        if (LdSoPaths.Lookup(tree, file) is not { Type: FileNodeType.RegularFile } node || !reading.Add(node))
        {
            return;
        }
        string text = Encoding.UTF8.GetString(node.Content?.ReadAllBytes() ?? []);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw;
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (StartsWithWord(line, "include"))
            {
                string folder = file[..(file.LastIndexOf('/') + 1)];
                foreach (string pattern in line[8..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    foreach (string match in TreeGlob.Match(tree, pattern.StartsWith('/') ? pattern : folder + pattern))
                    {
                        Read(tree, match, directories, reading);
                    }
                }
                continue;
            }
            if (StartsWithWord(line, "hwcap"))
            {
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string directory = (equals >= 0 ? line[..equals] : line).TrimEnd();
            if (directory.Length > 0 && !directories.Contains(directory = LdSoPaths.Clean(directory)))
            {
                directories.Add(directory);
            }
        }
        reading.Remove(node);
    }

    private static bool StartsWithWord(string line, string word) =>
        line.Length > word.Length && line.StartsWith(word, StringComparison.Ordinal) && line[word.Length] is ' ' or '\t';
}
