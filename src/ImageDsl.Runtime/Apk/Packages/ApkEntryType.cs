namespace ImageDsl.Apk.Packages;

/// <summary>The kinds of entry a package's data tar may hold.</summary>
public enum ApkEntryType
{
    /// <summary>A regular file with content.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link; <see cref="ApkDataEntry.LinkTarget"/> is the raw target.</summary>
    SymbolicLink,

    /// <summary>A hard link to an earlier regular file of the same package (normalised path in <see cref="ApkDataEntry.LinkTarget"/>).</summary>
    HardLink,

    /// <summary>A character device.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A named pipe.</summary>
    Fifo,
}
