using ImageDsl.Errors;

namespace ImageDsl.Apk.Packages;

/// <summary>Turns a folder into <see cref="PackEntry"/>s for <see cref="ApkPackageWriter"/> (what `dotnet image pack` does).</summary>
public static class PackageContents
{
    /// <summary>
    /// Every directory, regular file and symlink under <paramref name="root"/> (symlinks are not followed).
    /// Ownership is always normalised to 0:0 root:root, so the host user never leaks into a package.
    /// Permissions are normalised too unless <paramref name="preservePermissions"/>: directories 0755,
    /// files 0755 when the owner may execute them, else 0644 (git's model, so a checkout's umask does
    /// not change the package). With it, the exact bits are kept, including setuid/setgid/sticky.
    /// Hard-linked files become separate regular files. Other file types are refused.
    /// </summary>
    public static IReadOnlyList<PackEntry> FromDirectory(string root, bool preservePermissions = false)
    {
        if (!Directory.Exists(root))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{root} is not a directory",
                "Give the folder whose contents become the package's files, laid out as in the image (etc/..., usr/...).");
        }
        var entries = new List<PackEntry>();
        string full = Path.GetFullPath(root);
        foreach (string path in EntriesWithoutFollowingLinks(full))
        {
            string relative = Path.GetRelativePath(full, path).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                entries.Add(PackEntry.Symlink(relative, target));
            }
            else if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                entries.Add(PackEntry.Directory(relative, Mode(path, isDirectory: true, preservePermissions)));
            }
            else if (IsRegular(info))
            {
                entries.Add(PackEntry.FromFile(relative, path, Mode(path, isDirectory: false, preservePermissions)));
            }
            else
            {
                throw new ImageDslException(ErrorKind.Configuration, $"{path} is not a regular file, directory or symlink",
                    "Packages made from a folder can hold only directories, regular files and symlinks.");
            }
        }
        return entries;
    }

    /// <summary>
    /// Every entry under <paramref name="full"/>, recursing only into real directories: on Unix the
    /// framework's recursive enumeration descends into a symlink to a directory, which would copy the
    /// target's files under the link's name (or walk the host's /etc for a link to /etc) and then fail
    /// on the link itself ("its parent is not a directory").
    /// </summary>
    private static IEnumerable<string> EntriesWithoutFollowingLinks(string full)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        return new System.IO.Enumeration.FileSystemEnumerable<string>(full,
            (ref System.IO.Enumeration.FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) =>
                entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
    }

    private static bool IsRegular(FileInfo info) =>
        (info.Attributes & (FileAttributes.Device | FileAttributes.Directory | FileAttributes.ReparsePoint)) == 0
        && UnixFileType.MaybeRegularFile(info.FullName);

    private static int Mode(string path, bool isDirectory, bool preserve)
    {
        if (OperatingSystem.IsWindows())
        {
            return isDirectory ? 0x1ED : 0x1A4;
        }
        var mode = File.GetUnixFileMode(path);
        if (preserve)
        {
            return (int)mode;
        }
        return isDirectory || (mode & UnixFileMode.UserExecute) != 0 ? 0x1ED : 0x1A4;
    }
}
