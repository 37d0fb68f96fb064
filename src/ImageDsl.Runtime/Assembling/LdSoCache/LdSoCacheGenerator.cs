using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// Writes `/etc/ld.so.cache` for glibc images (apko's build step 12): package scripts, and so
/// ldconfig, never run, yet ld.so wants the cache. Only when `/etc/ld.so.conf` exists.
/// </summary>
public static class LdSoCacheGenerator
{
    /// <summary>Where the cache is written.</summary>
    public const string CachePath = "etc/ld.so.cache";

    /// <summary>Always scanned first, before the configured directories (as apko does).</summary>
    public const string FirstDirectory = "/lib";

    /// <summary>
    /// Writes the cache (mode 0644, 0:0, mtime 0) when `/etc/ld.so.conf` exists and returns its
    /// entries in file order; returns null and writes nothing when there is no configuration.
    /// Throws a build error naming the file when a library's machine has no glibc cache flag.
    /// </summary>
    public static IReadOnlyList<LdSoCacheEntry>? Generate(FileTree tree, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (LdSoPaths.Lookup(tree, LdSoConf.Path) is null)
        {
            return null;
        }
        IReadOnlyList<string> directories = [FirstDirectory, .. LdSoConf.Directories(tree)];
        IReadOnlyList<LdSoCacheEntry> entries = Scan(tree, directories);
        byte[] cache = LdSoCacheFormat.Write(entries, ComparerFor(architecture), IsBigEndian(architecture));
        tree.WriteFile(CachePath, cache, FileTree.FileMode);
        return LdSoCacheFormat.Sort(entries, ComparerFor(architecture));
    }

    /// <summary>
    /// The cache entries for <paramref name="directories"/>, in scan order. A directory missing
    /// from the image is skipped; one reached again under another name (e.g. `/lib` → `usr/lib`
    /// and `/usr/lib`) is scanned once, under its first name, as ldconfig does. In each directory,
    /// `lib*.so*` / `ld-*.so*` names that are (or link, inside the image, to) ELF shared objects
    /// become entries when the name is the object's soname or its `.so` link name (`libz.so` for
    /// `libz.so.1`); an object without a soname counts when its name ends in `.so`. Anything
    /// unreadable or not an ELF shared object is skipped.
    /// </summary>
    public static IReadOnlyList<LdSoCacheEntry> Scan(FileTree tree, IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(directories);
        var entries = new List<LdSoCacheEntry>();
        var scanned = new HashSet<FileNode>(ReferenceEqualityComparer.Instance);
        // Each object is read once however many names lead to it: thousands of symlinks to one file
        // cost a lookup each, not a read each.
        var read = new Dictionary<FileNode, ElfSharedObject?>(ReferenceEqualityComparer.Instance);
        foreach (string directory in directories.Select(LdSoPaths.Clean).Distinct(StringComparer.Ordinal))
        {
            if (LdSoPaths.Lookup(tree, directory) is not { IsDirectory: true } folder || !scanned.Add(folder))
            {
                continue;
            }
            foreach (string name in folder.ChildNames)
            {
                if (!LibraryNames.IsLibraryFileName(name))
                {
                    continue;
                }
                string path = LdSoPaths.Clean(directory + "/" + name);
                if (LdSoPaths.Lookup(tree, path) is not { Type: FileNodeType.RegularFile, Content: { } content } file)
                {
                    continue;
                }
                if (!read.TryGetValue(file, out ElfSharedObject? elf))
                {
                    elf = Read(content);
                    read[file] = elf;
                }
                if (elf is null)
                {
                    continue;
                }
                int flags = CacheFlags.For(elf) ?? throw UnknownMachine(path, elf);
                if (LibraryNames.MatchesSoname(name, elf.Sonames))
                {
                    entries.Add(new LdSoCacheEntry(name, path, flags));
                }
            }
        }
        return entries;
    }

    /// <summary>`char` is signed in x86, x86_64 and loongarch C ABIs, unsigned elsewhere; ld.so compares with it.</summary>
    public static LibraryNameComparer ComparerFor(Architecture architecture) =>
        architecture == Architecture.Amd64 || architecture == Architecture.I386 || architecture == Architecture.Loong64
            ? LibraryNameComparer.SignedChar
            : LibraryNameComparer.UnsignedChar;

    /// <summary>s390x is the only big-endian target; the cache is read in ld.so's byte order.</summary>
    public static bool IsBigEndian(Architecture architecture) => architecture == Architecture.S390x;

    private static ElfSharedObject? Read(FileContent content)
    {
        using Stream stream = content.OpenRead();
        return ElfSharedObject.TryRead(stream);
    }

    private static ImageDslException UnknownMachine(string path, ElfSharedObject elf) =>
        new(ErrorKind.Build,
            $"cannot write /etc/ld.so.cache: '{path}' is a {(elf.Is64Bit ? 64 : 32)}-bit {CacheFlags.MachineName(elf.Machine)} shared object (e_flags 0x{elf.Flags:x}), for which glibc has no cache flag",
            "apko fails the same way. Remove the package that ships this file, or /etc/ld.so.conf if the image does not need a glibc cache.");
}
