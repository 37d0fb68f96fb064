namespace ImageDsl.Oci;

/// <summary>The tar entry types a layer can hold (the tar typeflag bytes).</summary>
public enum TarEntryKind : byte
{
    /// <summary>'0'.</summary>
    RegularFile = (byte)'0',

    /// <summary>'1': a hard link to an earlier entry.</summary>
    HardLink = (byte)'1',

    /// <summary>'2'.</summary>
    Symlink = (byte)'2',

    /// <summary>'3'.</summary>
    CharacterDevice = (byte)'3',

    /// <summary>'4'.</summary>
    BlockDevice = (byte)'4',

    /// <summary>'5'.</summary>
    Directory = (byte)'5',

    /// <summary>'6'.</summary>
    Fifo = (byte)'6',
}

/// <summary>
/// Everything a tar header says about one entry. Nothing is taken from the host: every field is
/// given explicitly and the defaults are fixed (mtime 0, owner 0:0, no names).
/// </summary>
public sealed record TarEntryHeader
{
    /// <summary>The entry name, relative, '/'-separated, without a trailing '/' for directories (apko).</summary>
    public required string Name { get; init; }

    /// <summary>The entry type.</summary>
    public required TarEntryKind Kind { get; init; }

    /// <summary>Permission bits plus setuid/setgid/sticky.</summary>
    public UnixFileMode Mode { get; init; }

    /// <summary>Owner uid.</summary>
    public int Uid { get; init; }

    /// <summary>Owner gid.</summary>
    public int Gid { get; init; }

    /// <summary>Owner user name ("" when unknown).</summary>
    public string UserName { get; init; } = "";

    /// <summary>Owner group name ("" when unknown).</summary>
    public string GroupName { get; init; } = "";

    /// <summary>Content size (regular files only).</summary>
    public long Size { get; init; }

    /// <summary>Modification time; rounded to whole seconds like Go's tar writer.</summary>
    public DateTimeOffset ModificationTime { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Symlink target or hard-link target name.</summary>
    public string LinkName { get; init; } = "";

    /// <summary>Device major number.</summary>
    public int DeviceMajor { get; init; }

    /// <summary>Device minor number.</summary>
    public int DeviceMinor { get; init; }

    /// <summary>Extended attributes, written as `SCHILY.xattr.&lt;name&gt;` PAX records.</summary>
    public IReadOnlyDictionary<string, byte[]>? ExtendedAttributes { get; init; }
}
