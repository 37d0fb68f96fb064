namespace ImageDsl.Assembling.FileSystem;

/// <summary>
/// One inode of a <see cref="FileTree"/>. A hard link is the same node reachable under several
/// names, so metadata changes through one name show through all of them, as on a real filesystem.
/// Nodes are created only by the tree; metadata may be changed directly.
/// </summary>
public sealed class FileNode
{
    /// <summary>Permission, setuid, setgid and sticky bits.</summary>
    public const UnixFileMode ModeMask = (UnixFileMode)0xFFF;

    private UnixFileMode _mode;

    internal FileNode(FileNodeType type, UnixFileMode mode)
    {
        Type = type;
        Mode = mode;
        if (type == FileNodeType.Directory)
        {
            Children = new SortedDictionary<string, FileNode>(Utf8OrdinalComparer.Instance);
        }
    }

    /// <summary>What the node is.</summary>
    public FileNodeType Type { get; }

    /// <summary>Permission bits plus setuid/setgid/sticky; other bits are dropped.</summary>
    public UnixFileMode Mode
    {
        get => _mode;
        set => _mode = value & ModeMask;
    }

    /// <summary>Owner user id (0 unless changed: apko does not apply APK ownership).</summary>
    public int Uid { get; set; }

    /// <summary>Owner group id.</summary>
    public int Gid { get; set; }

    /// <summary>Modification time; the Unix epoch unless set (never the current time).</summary>
    public DateTimeOffset ModificationTime { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>Extended attributes, name to raw bytes, in ordinal order.</summary>
    public SortedDictionary<string, byte[]> ExtendedAttributes { get; } = new(StringComparer.Ordinal);

    /// <summary>The name of the package that installed the node, or null for files the build made.</summary>
    public string? Package { get; set; }

    /// <summary>The bytes of a regular file (null for other types).</summary>
    public FileContent? Content { get; set; }

    /// <summary>The target of a symlink, as written (null for other types).</summary>
    public string? LinkTarget { get; internal set; }

    /// <summary>Device major number.</summary>
    public int DeviceMajor { get; internal set; }

    /// <summary>Device minor number.</summary>
    public int DeviceMinor { get; internal set; }

    /// <summary>How many names refer to this node (more than 1 for hard links).</summary>
    public int LinkCount { get; internal set; }

    /// <summary>True for directories.</summary>
    public bool IsDirectory => Type == FileNodeType.Directory;

    /// <summary>The size a tar entry records: content size for regular files, else 0.</summary>
    public long Size => Type == FileNodeType.RegularFile ? Content?.Size ?? 0 : 0;

    /// <summary>The names inside a directory, in UTF-8 byte order (empty for other types).</summary>
    public IEnumerable<string> ChildNames => Children?.Keys ?? Enumerable.Empty<string>();

    internal SortedDictionary<string, FileNode>? Children { get; }
}
