using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Skeleton;

/// <summary>
/// What apk's database initialisation puts into every image before packages (apko's InitDB): base
/// directories with fixed modes, the apk folders and files, and the standard character devices.
/// </summary>
public static class ImageSkeleton
{
    private static readonly (string Path, int Mode)[] BaseDirectories =
    [
        ("tmp", 0x3FF), ("dev", 0x1ED), ("etc", 0x1ED), ("opt", 0x1ED), ("proc", 0x16D), ("var", 0x1ED), ("usr", 0x1ED),
    ];

    private static readonly string[] ApkDirectories =
    [
        "etc/apk", "etc/apk/keys", "usr/lib", "usr/lib/apk", "usr/lib/apk/db", "usr/lib/apk/exec",
        "var/cache", "var/cache/apk", "var/cache/misc",
    ];

    /// <summary>The character devices every image gets: path, major, minor, mode.</summary>
    public static readonly (string Path, int Major, int Minor, int Mode)[] Devices =
    [
        ("dev/zero", 1, 5, 0x1B6), ("dev/urandom", 1, 9, 0x1B6), ("dev/null", 1, 3, 0x1B6),
        ("dev/random", 1, 8, 0x1B6), ("dev/console", 5, 1, 0x190),
    ];

    /// <summary>The apk database folder (usrmerge layout).</summary>
    public const string DatabaseDirectory = "usr/lib/apk/db";

    /// <summary>Creates the skeleton in an empty tree.</summary>
    public static void Create(FileTree tree, Architecture arch)
    {
        foreach (var (path, mode) in BaseDirectories)
        {
            FileNode? existing = tree.Lookup(path, followSymlinks: false);
            if (existing is null)
            {
                tree.MkdirAll(path, (UnixFileMode)mode);
            }
            else if (!existing.IsDirectory || existing.Mode != (UnixFileMode)mode)
            {
                throw new ImageDslException(ErrorKind.Build,
                    $"/{path} exists but is not a directory with mode {Convert.ToString(mode, 8)}",
                    "The base of the image is damaged.");
            }
        }
        foreach (string path in ApkDirectories)
        {
            tree.MkdirAll(path);
        }
        tree.WriteText("etc/apk/world", "\n");
        tree.WriteText("etc/apk/repositories", "\n");
        tree.WriteFile($"{DatabaseDirectory}/lock", [], (UnixFileMode)0x180);
        tree.WriteFile($"{DatabaseDirectory}/triggers", []);
        tree.WriteFile($"{DatabaseDirectory}/installed", []);
        tree.WriteText("etc/apk/arch", arch.ApkName + "\n");
        tree.WriteFile($"{DatabaseDirectory}/scripts.tar", new byte[1024]);
        CreateDevices(tree);
    }

    /// <summary>
    /// Adds `lib/apk -> ../usr/lib/apk` so tools looking in the pre-usrmerge place find the
    /// database, unless `/lib` is itself a link to `usr/lib`.
    /// </summary>
    public static void LinkLegacyDatabase(FileTree tree)
    {
        FileNode? lib = tree.Lookup("lib", followSymlinks: false);
        if (lib is { Type: FileNodeType.Symlink })
        {
            return;
        }
        tree.MkdirAll("lib");
        if (!tree.Exists("lib/apk"))
        {
            tree.Symlink("lib/apk", "../usr/lib/apk");
        }
    }

    /// <summary>Creates the standard devices that are missing (packages may have made some).</summary>
    public static void CreateDevices(FileTree tree)
    {
        foreach (var (path, major, minor, mode) in Devices)
        {
            if (!tree.Exists(path))
            {
                tree.Mknod(path, FileNodeType.CharacterDevice, (UnixFileMode)mode, major, minor);
            }
        }
    }
}
