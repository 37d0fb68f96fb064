namespace ImageDsl.Apk.Packages;

/// <summary>
/// One entry of a package's data tar, as <see cref="ApkPackage.ReadData"/> yields it. Its content (for
/// regular files) can be read once, and only until the enumeration moves on; the SHA-1 recorded in
/// the package is checked as the content is read, or as the reader skips it.
/// </summary>
public sealed class ApkDataEntry
{
    private readonly EntryContent? _content;

    internal ApkDataEntry(EntryContent? content) => _content = content;

    /// <summary>The normalised relative path (`usr/bin/hello`: no leading `/` or `./`, no trailing `/`).</summary>
    public required string Path { get; init; }

    /// <summary>What kind of entry this is.</summary>
    public required ApkEntryType Type { get; init; }

    /// <summary>Permission bits including setuid (04000), setgid (02000) and sticky (01000).</summary>
    public required int Mode { get; init; }

    /// <summary>The owner recorded in the package (apko does not apply it to the image; the installed db keeps it).</summary>
    public long Uid { get; init; }

    /// <summary>The group recorded in the package.</summary>
    public long Gid { get; init; }

    /// <summary>The owner's name in the tar header ("" when absent).</summary>
    public string UserName { get; init; } = "";

    /// <summary>The group's name in the tar header ("" when absent).</summary>
    public string GroupName { get; init; } = "";

    /// <summary>The modification time, Unix seconds.</summary>
    public long ModificationTime { get; init; }

    /// <summary>A symlink's raw target, or a hard link's normalised target path; null otherwise.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>A device's major number.</summary>
    public int DeviceMajor { get; init; }

    /// <summary>A device's minor number.</summary>
    public int DeviceMinor { get; init; }

    /// <summary>Extended attributes from PAX `SCHILY.xattr.*` records, name → raw value (e.g. `security.capability`).</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>The SHA-1 the package records for the entry (PAX `APK-TOOLS.checksum.SHA1`), or null.</summary>
    public byte[]? Checksum { get; init; }

    /// <summary><see cref="Checksum"/> as `Q1` + base64 (the installed db's `Z:` form), or null.</summary>
    public string? ChecksumQ1 => Checksum is null ? null : ApkChecksum.ToQ1(Checksum);

    /// <summary>The content size in bytes (0 for anything but regular files).</summary>
    public long Size { get; init; }

    /// <summary>The entry's place in the data tar (0 for the first header), which with the package's data hash names its bytes.</summary>
    internal int Ordinal { get; init; }

    /// <summary>The permission bits as a <see cref="UnixFileMode"/>.</summary>
    public UnixFileMode UnixMode => (UnixFileMode)Mode;

    /// <summary>
    /// Opens the content of a regular file. It can be opened once, and read until the enumeration
    /// moves to the next entry. Reading to the end checks the SHA-1 and throws on a mismatch.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not a regular file, opened twice, or the enumeration moved on.</exception>
    public Stream OpenContent()
    {
        if (_content is null)
        {
            throw new InvalidOperationException($"{Path} is a {Type}, which has no content");
        }
        return _content.Open();
    }

    /// <summary>Copies the whole content into <paramref name="sink"/> (checking the SHA-1).</summary>
    public void CopyContentTo(Stream sink)
    {
        using Stream content = OpenContent();
        content.CopyTo(sink);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Path}";
}
