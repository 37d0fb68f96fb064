namespace ImageDsl.Apk.Packages;

/// <summary>
/// One entry to put into a package's data tar (<see cref="ApkPackageWriter"/>). Modification times are
/// not set per entry: every entry gets the package's build date, so output depends only on inputs.
/// </summary>
/// <param name="Path">The path inside the image, relative (`usr/bin/hello`).</param>
/// <param name="Type">What kind of entry.</param>
public sealed record PackEntry(string Path, ApkEntryType Type)
{
    /// <summary>Permission bits, including setuid/setgid/sticky.</summary>
    public int Mode { get; init; } = Type switch
    {
        ApkEntryType.Directory => 0x1ED,      // 0755
        ApkEntryType.SymbolicLink => 0x1FF,   // 0777
        _ => 0x1A4,                           // 0644
    };

    /// <summary>Owner id (default 0).</summary>
    public long Uid { get; init; }

    /// <summary>Group id (default 0).</summary>
    public long Gid { get; init; }

    /// <summary>Owner name written in the tar header.</summary>
    public string UserName { get; init; } = "root";

    /// <summary>Group name written in the tar header.</summary>
    public string GroupName { get; init; } = "root";

    /// <summary>A symlink's target, or a hard link's target path (an earlier file of the package).</summary>
    public string? LinkTarget { get; init; }

    /// <summary>A device's major number.</summary>
    public int DeviceMajor { get; init; }

    /// <summary>A device's minor number.</summary>
    public int DeviceMinor { get; init; }

    /// <summary>Extended attributes, name → raw value (written as PAX `SCHILY.xattr.*`).</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>Opens a regular file's content (called twice: once to hash it, once to write it).</summary>
    public Func<Stream>? OpenContent { get; init; }

    /// <summary>A regular file with in-memory content.</summary>
    public static PackEntry File(string path, byte[] content, int mode = 0x1A4) =>
        new(path, ApkEntryType.RegularFile) { Mode = mode, OpenContent = () => new MemoryStream(content, writable: false) };

    /// <summary>A regular file whose content is read from <paramref name="sourceFile"/> when the package is written.</summary>
    public static PackEntry FromFile(string path, string sourceFile, int mode = 0x1A4) =>
        new(path, ApkEntryType.RegularFile) { Mode = mode, OpenContent = () => System.IO.File.OpenRead(sourceFile) };

    /// <summary>A directory.</summary>
    public static PackEntry Directory(string path, int mode = 0x1ED) => new(path, ApkEntryType.Directory) { Mode = mode };

    /// <summary>A symbolic link.</summary>
    public static PackEntry Symlink(string path, string target) => new(path, ApkEntryType.SymbolicLink) { LinkTarget = target };
}
