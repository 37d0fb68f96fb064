using ImageDsl.Errors;

namespace ImageDsl.Assembling.FileSystem;

/// <summary>
/// An in-memory filesystem rooted at "/": the image being assembled. Paths are normalised by
/// <see cref="TreePath"/>; symlinks are resolved only against this tree (an absolute or `..` target
/// stops at the image root, like a chroot), and nothing here touches the host filesystem, so no
/// write can leave the root. Not thread-safe.
/// </summary>
public sealed partial class FileTree
{
    /// <summary>rwxr-xr-x.</summary>
    public const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;

    /// <summary>rw-r--r--.</summary>
    public const UnixFileMode FileMode = (UnixFileMode)0x1A4;

    private const int MaxSymlinkHops = 40;

    /// <summary>Creates a tree holding only the root directory (0755, 0:0, mtime 0).</summary>
    public FileTree()
    {
        Root = new FileNode(FileNodeType.Directory, DirectoryMode) { LinkCount = 1 };
    }

    /// <summary>The root directory.</summary>
    public FileNode Root { get; }

    /// <summary>
    /// Creates <paramref name="path"/> and any missing parents as directories with the given mode and
    /// owner. Existing directories (and symlinks to directories, e.g. usrmerge's `lib -> usr/lib`)
    /// are left unchanged. Returns the directory.
    /// </summary>
    public FileNode MkdirAll(string path, UnixFileMode mode = DirectoryMode, int uid = 0, int gid = 0)
    {
        string[] parts = TreePath.Split(path);
        FileNode current = Root;
        for (int i = 0; i < parts.Length; i++)
        {
            if (current.Children!.TryGetValue(parts[i], out FileNode? child))
            {
                if (child.Type == FileNodeType.Symlink)
                {
                    child = Resolve(parts[..(i + 1)], followFinal: true, path);
                }
                if (child is null || !child.IsDirectory)
                {
                    throw NotADirectory(path, parts[..(i + 1)]);
                }
                current = child;
                continue;
            }
            var created = new FileNode(FileNodeType.Directory, mode) { Uid = uid, Gid = gid };
            Attach(current, parts[i], created);
            current = created;
        }
        return current;
    }

    /// <summary>
    /// Creates a regular file. The parent directory must exist. An existing file, symlink or device at
    /// the path is replaced (the name is unlinked first, as tar extraction does: a symlink there is
    /// never written through); an existing directory is an error.
    /// </summary>
    public FileNode CreateFile(string path, FileContent content, UnixFileMode mode = FileMode, int uid = 0, int gid = 0)
    {
        ArgumentNullException.ThrowIfNull(content);
        var node = new FileNode(FileNodeType.RegularFile, mode) { Uid = uid, Gid = gid, Content = content };
        Place(path, node, replace: true);
        return node;
    }

    /// <summary>Creates a regular file holding <paramref name="data"/>.</summary>
    public FileNode WriteFile(string path, byte[] data, UnixFileMode mode = FileMode) =>
        CreateFile(path, FileContent.FromBytes(data), mode);

    /// <summary>Creates a regular file holding UTF-8 <paramref name="text"/>.</summary>
    public FileNode WriteText(string path, string text, UnixFileMode mode = FileMode) =>
        CreateFile(path, FileContent.FromText(text), mode);

    /// <summary>
    /// Creates a symlink (mode 0777) pointing at <paramref name="target"/>, stored as written. The
    /// parent must exist and the path must not.
    /// </summary>
    public FileNode Symlink(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length == 0 || target.Contains('\0'))
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"symlink '{TreePath.Absolute(path)}' has an invalid target '{TreePath.Printable(target)}'",
                "a link target must be a non-empty path without NUL bytes");
        }
        var node = new FileNode(FileNodeType.Symlink, (UnixFileMode)0x1FF) { LinkTarget = target };
        Place(path, node, replace: false);
        return node;
    }

    /// <summary>
    /// Makes <paramref name="path"/> another name for the node at <paramref name="existingPath"/>
    /// (not following a final symlink, like link(2)). Directories cannot be hard-linked.
    /// </summary>
    public FileNode Hardlink(string path, string existingPath)
    {
        FileNode target = Lookup(existingPath, followSymlinks: false)
            ?? throw new ImageDslException(ErrorKind.Build,
                $"cannot hard-link '{TreePath.Absolute(path)}' to '{TreePath.Absolute(existingPath)}': the target does not exist");
        if (target.IsDirectory)
        {
            throw new ImageDslException(ErrorKind.Build,
                $"cannot hard-link '{TreePath.Absolute(path)}' to the directory '{TreePath.Absolute(existingPath)}'");
        }
        Place(path, target, replace: false);
        return target;
    }

    /// <summary>Creates a character device, block device or FIFO. The parent must exist and the path must not.</summary>
    public FileNode Mknod(string path, FileNodeType type, UnixFileMode mode, int major = 0, int minor = 0)
    {
        if (type is not (FileNodeType.CharacterDevice or FileNodeType.BlockDevice or FileNodeType.Fifo))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "mknod makes devices and FIFOs only");
        }
        var node = new FileNode(type, mode) { DeviceMajor = major, DeviceMinor = minor };
        Place(path, node, replace: false);
        return node;
    }

    /// <summary>
    /// Removes the name <paramref name="path"/> (a final symlink itself, not its target). A non-empty
    /// directory needs <paramref name="recursive"/>. Returns false when nothing was there.
    /// </summary>
    public bool Remove(string path, bool recursive = false)
    {
        string[] parts = TreePath.Split(path);
        if (parts.Length == 0)
        {
            throw new ImageDslException(ErrorKind.Build, "cannot remove the image root '/'");
        }
        FileNode? parent = Resolve(parts[..^1], followFinal: true, path);
        if (parent is null || !parent.IsDirectory || !parent.Children!.TryGetValue(parts[^1], out FileNode? node))
        {
            return false;
        }
        if (node.IsDirectory && node.Children!.Count > 0 && !recursive)
        {
            throw new ImageDslException(ErrorKind.Build, $"cannot remove '{TreePath.Absolute(path)}': the directory is not empty");
        }
        parent.Children.Remove(parts[^1]);
        node.LinkCount--;
        return true;
    }

    /// <summary>
    /// The node at <paramref name="path"/>, or null when absent. Symlinks on the way are always
    /// followed; the final one only when <paramref name="followSymlinks"/>.
    /// </summary>
    public FileNode? Lookup(string path, bool followSymlinks = true) =>
        Resolve(TreePath.Split(path), followSymlinks, path);

    /// <summary>The node at <paramref name="path"/>, or a build error naming the path.</summary>
    public FileNode Get(string path, bool followSymlinks = true) =>
        Lookup(path, followSymlinks)
        ?? throw new ImageDslException(ErrorKind.Build, $"'{TreePath.Absolute(path)}' does not exist in the image");

    /// <summary>True when something exists at <paramref name="path"/> (a dangling final symlink counts).</summary>
    public bool Exists(string path) => Lookup(path, followSymlinks: false) is not null;

    /// <summary>The bytes of the regular file at <paramref name="path"/> (following symlinks).</summary>
    public byte[] ReadAllBytes(string path)
    {
        FileNode node = Get(path);
        if (node.Type != FileNodeType.RegularFile)
        {
            throw new ImageDslException(ErrorKind.Build, $"'{TreePath.Absolute(path)}' is not a regular file");
        }
        return node.Content?.ReadAllBytes() ?? [];
    }

    /// <summary>Sets the mode bits (permission + setuid/setgid/sticky), following a final symlink unless told not to.</summary>
    public void Chmod(string path, UnixFileMode mode, bool followSymlinks = true) => Get(path, followSymlinks).Mode = mode;

    /// <summary>Sets the owner, following a final symlink unless told not to (lchown).</summary>
    public void Chown(string path, int uid, int gid, bool followSymlinks = true)
    {
        FileNode node = Get(path, followSymlinks);
        node.Uid = uid;
        node.Gid = gid;
    }
}
