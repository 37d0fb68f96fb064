using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// abuild's conventions for the tars inside a package and an index: the abuild dialect of the
/// shared tar writer, and entries that default to mode 0644 owned by root:root (ids 0), as abuild
/// writes control files, signatures and index members.
/// </summary>
internal static class AbuildTar
{
    /// <summary>A writer in abuild's dialect; it leaves the archive cut unless Finish is called.</summary>
    public static DeterministicTarWriter Writer(Stream output) => new(output, leaveOpen: true, TarDialect.Abuild);

    /// <summary>An entry named <paramref name="name"/> of tar type <paramref name="typeFlag"/> with abuild's defaults.</summary>
    public static TarEntryHeader Entry(string name, char typeFlag) => new()
    {
        Name = name,
        Kind = (TarEntryKind)(byte)typeFlag,
        Mode = (UnixFileMode)0x1A4, // 0644
        UserName = "root",
        GroupName = "root",
    };
}
