using System.Formats.Tar;
using System.Text;

namespace ImageDsl.Testing;

/// <summary>One entry of a built image's filesystem (the layers applied in order).</summary>
/// <param name="Path">Absolute path, e.g. <c>/usr/bin/hello</c>.</param>
/// <param name="Type">Regular file, directory, symbolic link...</param>
/// <param name="Mode">Permission bits, e.g. 0o755 (<c>Convert.ToString(mode, 8)</c> is "755").</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="LinkTarget">The target of a symbolic or hard link, else null.</param>
/// <param name="Content">A regular file's bytes, else empty.</param>
public sealed record ImageFile(string Path, TarEntryType Type, int Mode, int Uid, int Gid, string? LinkTarget, byte[] Content)
{
    /// <summary>True for a regular file.</summary>
    public bool IsFile => Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile;

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => Type == TarEntryType.Directory;

    /// <summary>The content as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Content);
}
