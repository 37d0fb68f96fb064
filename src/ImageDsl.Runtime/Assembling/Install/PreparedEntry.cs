using ImageDsl.Apk.Packages;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Assembling.Install;

/// <summary>
/// A package entry read ahead of its install: a regular file's body is already stored (and its SHA-1
/// checked); <paramref name="Content"/> is null for other entries, or when the installer is to read the
/// body itself.
/// </summary>
internal readonly record struct PreparedEntry(ApkDataEntry Entry, FileContent? Content);
