using ImageDsl.Errors;

namespace ImageDsl.Apk.Packages;

/// <summary>Normalises, checks and orders the entries of a package to write.</summary>
internal static class PackEntryList
{
    /// <summary>
    /// Normalised paths, no duplicates, every parent directory present (added as 0755 root:root when
    /// missing), sorted ordinally so a parent always precedes its children.
    /// </summary>
    public static IReadOnlyList<PackEntry> Prepare(IEnumerable<PackEntry> entries)
    {
        var byPath = new Dictionary<string, PackEntry>(StringComparer.Ordinal);
        foreach (PackEntry entry in entries)
        {
            string path = EntryPath.Normalize(entry.Path, out string? problem)
                ?? throw Bad($"cannot pack '{entry.Path}': {problem}");
            if (path.Length == 0)
            {
                continue; // the root folder itself
            }
            if (!byPath.TryAdd(path, entry with { Path = path }))
            {
                throw Bad($"cannot pack '{entry.Path}': the path is given twice");
            }
            Check(entry with { Path = path });
        }
        foreach (string path in byPath.Keys.ToList())
        {
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                string parent = path[..slash];
                if (byPath.TryGetValue(parent, out PackEntry? existing))
                {
                    if (existing.Type != ApkEntryType.Directory)
                    {
                        throw Bad($"cannot pack '{path}': its parent '{parent}' is not a directory");
                    }
                    break;
                }
                byPath[parent] = PackEntry.Directory(parent);
            }
        }
        var sorted = byPath.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (PackEntry entry in sorted)
        {
            if (entry.Type == ApkEntryType.RegularFile)
            {
                files.Add(entry.Path);
            }
            else if (entry.Type == ApkEntryType.HardLink)
            {
                string target = EntryPath.Normalize(entry.LinkTarget ?? "", out _) ?? "";
                if (!files.Contains(target))
                {
                    throw Bad($"cannot pack hard link '{entry.Path}': its target '{entry.LinkTarget}' is not a regular file sorted before it");
                }
            }
        }
        return sorted;
    }

    private static void Check(PackEntry entry)
    {
        if ((entry.Mode & ~0xFFF) != 0)
        {
            throw Bad($"cannot pack '{entry.Path}': mode {Convert.ToString(entry.Mode, 8)} has bits beyond 07777");
        }
        switch (entry.Type)
        {
            case ApkEntryType.RegularFile when entry.OpenContent is null:
                throw Bad($"cannot pack '{entry.Path}': a regular file needs content");
            case ApkEntryType.SymbolicLink or ApkEntryType.HardLink when string.IsNullOrEmpty(entry.LinkTarget) || entry.LinkTarget.Contains('\0'):
                throw Bad($"cannot pack '{entry.Path}': a link needs a target without NUL bytes");
        }
    }

    private static ImageDslException Bad(string message) =>
        new(ErrorKind.Configuration, message, "Fix the package's file list (paths are relative to the image root).");
}
