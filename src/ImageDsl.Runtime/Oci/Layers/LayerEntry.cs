using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Oci;

/// <summary>
/// One node to put in a layer under <paramref name="Path"/>, optionally with another mtime (a
/// synthesised parent directory) or other content (a per-layer installed database).
/// </summary>
internal readonly record struct LayerEntry(
    string Path,
    FileNode Node,
    DateTimeOffset? ModificationTime = null,
    FileContent? Content = null);
