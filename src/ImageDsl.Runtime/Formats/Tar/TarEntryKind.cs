namespace ImageDsl.Formats.Tar;

/// <summary>
/// The tar typeflag byte of an entry. A reader reports any byte it finds (cast to this type), so
/// values outside the named members can occur and are for the caller to refuse.
/// </summary>
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

    /// <summary>'7': a contiguous file, read as a regular file.</summary>
    ContiguousFile = (byte)'7',

    /// <summary>'x': a PAX header for the next entry (written by the writer itself; readers apply it).</summary>
    PaxHeader = (byte)'x',

    /// <summary>'g': a global PAX header (readers refuse it; writers only write it when asked, for tests).</summary>
    GlobalPaxHeader = (byte)'g',
}
