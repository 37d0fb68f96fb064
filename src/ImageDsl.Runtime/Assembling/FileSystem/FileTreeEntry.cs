namespace ImageDsl.Assembling.FileSystem;

/// <summary>A node met during a walk, with its path relative to the root (no leading '/', e.g. `etc/passwd`).</summary>
public readonly record struct FileTreeEntry(string Path, FileNode Node);
