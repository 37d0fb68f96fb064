namespace ImageDsl.Assembling.FileSystem;

/// <summary>What a <see cref="FileNode"/> is. Hard links are not a type: they are one node under several names.</summary>
public enum FileNodeType
{
    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file with <see cref="FileNode.Content"/>.</summary>
    RegularFile,

    /// <summary>A symbolic link with <see cref="FileNode.LinkTarget"/>.</summary>
    Symlink,

    /// <summary>A character device (major/minor).</summary>
    CharacterDevice,

    /// <summary>A block device (major/minor).</summary>
    BlockDevice,

    /// <summary>A named pipe.</summary>
    Fifo,
}
