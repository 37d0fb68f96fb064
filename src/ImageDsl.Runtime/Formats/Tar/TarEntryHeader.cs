namespace ImageDsl.Formats.Tar;

/// <summary>
/// Everything a tar header says about one entry, in tar's own units (whole seconds, raw ids): what
/// <see cref="DeterministicTarWriter"/> writes and what <see cref="StreamingTarReader"/> reads, with
/// PAX records applied. Nothing is taken from the host: every field is given explicitly and the
/// defaults are fixed (mtime 0, owner 0:0, no names).
/// </summary>
public sealed record TarEntryHeader
{
    /// <summary>The entry name, relative, '/'-separated, without a trailing '/' for directories (apko).</summary>
    public required string Name { get; init; }

    /// <summary>The entry type.</summary>
    public required TarEntryKind Kind { get; init; }

    /// <summary>Permission bits plus setuid/setgid/sticky.</summary>
    public UnixFileMode Mode { get; init; }

    /// <summary>Owner uid (raw: a reader reports what the archive says, a caller checks the range).</summary>
    public long Uid { get; init; }

    /// <summary>Owner gid (raw, as <see cref="Uid"/>).</summary>
    public long Gid { get; init; }

    /// <summary>Owner user name ("" when unknown).</summary>
    public string UserName { get; init; } = "";

    /// <summary>Owner group name ("" when unknown).</summary>
    public string GroupName { get; init; } = "";

    /// <summary>Content size (regular files only).</summary>
    public long Size { get; init; }

    /// <summary>Modification time in seconds since the Unix epoch (see <see cref="TarTime"/>).</summary>
    public long ModificationTime { get; init; }

    /// <summary>Symlink target or hard-link target name.</summary>
    public string LinkName { get; init; } = "";

    /// <summary>Device major number.</summary>
    public int DeviceMajor { get; init; }

    /// <summary>Device minor number.</summary>
    public int DeviceMinor { get; init; }

    /// <summary>Extended attributes, written as `SCHILY.xattr.&lt;name&gt;` PAX records.</summary>
    public IReadOnlyDictionary<string, byte[]>? ExtendedAttributes { get; init; }

    /// <summary>
    /// Further PAX records: read, every record of the entry's PAX header; written, records added in
    /// this order (abuild's `APK-TOOLS.checksum.SHA1`, or anything a test asks for).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> PaxRecords { get; init; } = [];

    /// <summary>The value of the PAX record <paramref name="key"/> (the last one when repeated), or null.</summary>
    public byte[]? PaxRecord(string key)
    {
        for (int i = PaxRecords.Count - 1; i >= 0; i--)
        {
            if (PaxRecords[i].Key == key)
            {
                return PaxRecords[i].Value;
            }
        }
        return null;
    }
}
