using ImageDsl.Assembling.ApkDatabase;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Skeleton;

namespace ImageDsl.Build;

/// <summary>The apk database of an image built on a base: the base's records, then this build's.</summary>
internal static class BaseDatabase
{
    public static void WriteMerged(FileTree tree, string baseRecords, IEnumerable<InstalledPackage> ours)
    {
        string trimmed = baseRecords.TrimEnd('\n');
        string prefix = trimmed.Length == 0 ? "" : trimmed + "\n\n"; // records are separated by one blank line
        tree.WriteText($"{ImageSkeleton.DatabaseDirectory}/installed", prefix + InstalledDatabaseWriter.Format(ours));
    }
}
