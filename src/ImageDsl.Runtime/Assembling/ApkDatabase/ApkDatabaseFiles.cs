using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Skeleton;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Assembling.ApkDatabase;

/// <summary>
/// Writes the apk database after install: `installed`, `scripts.tar` (package scripts are recorded,
/// never run), `triggers`, and `/etc/apk/world` and `/etc/apk/repositories`.
/// </summary>
public static class ApkDatabaseFiles
{
    /// <summary>Writes `installed` from the packages in install order.</summary>
    public static void WriteInstalled(FileTree tree, IEnumerable<InstalledPackage> packages) =>
        tree.WriteText($"{ImageSkeleton.DatabaseDirectory}/installed", InstalledDatabaseWriter.Format(packages));

    /// <summary>
    /// Writes `scripts.tar` with every executable control member (named `&lt;name&gt;-&lt;ver&gt;.Q1&lt;b64&gt;&lt;script&gt;`)
    /// and `triggers` with one `Q1&lt;b64&gt; &lt;paths&gt;` line per package trigger.
    /// </summary>
    public static void WriteScriptsAndTriggers(FileTree tree, IEnumerable<ApkPackageSummary> packages, DateTimeOffset sourceDateEpoch)
    {
        var tar = new MemoryStream();
        var triggers = new StringBuilder();
        using (var writer = new DeterministicTarWriter(tar, leaveOpen: true))
        {
            foreach (ApkPackageSummary package in packages)
            {
                foreach (ControlFile script in package.Scripts.Where(s => (s.Mode & 0x16D) == 0x16D && s.Name != ".PKGINFO"))
                {
                    var header = new TarEntryHeader
                    {
                        Name = $"{package.Name}-{package.Version}.{package.Checksum}{script.Name}",
                        Kind = TarEntryKind.RegularFile,
                        Mode = (UnixFileMode)(script.Mode & 0xFFF),
                        Size = script.Content.Length,
                        ModificationTime = TarTime.Seconds(sourceDateEpoch),
                    };
                    writer.WriteEntry(header, new MemoryStream(script.Content));
                }
                foreach (string trigger in package.Triggers)
                {
                    triggers.Append(package.Checksum).Append(' ').Append(trigger).Append('\n');
                }
            }
            writer.Finish();
        }
        tree.WriteFile($"{ImageSkeleton.DatabaseDirectory}/scripts.tar", tar.ToArray());
        tree.WriteText($"{ImageSkeleton.DatabaseDirectory}/triggers", triggers.ToString());
    }

    /// <summary>Writes a sorted, newline-terminated list (world, repositories).</summary>
    public static void WriteSortedLines(FileTree tree, string path, IEnumerable<string> lines)
    {
        var sorted = lines.Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).ToList();
        tree.WriteText(path, string.Concat(sorted.Select(l => l + "\n")));
    }
}

/// <summary>The parts of an installed package the database files need.</summary>
public sealed record ApkPackageSummary(string Name, string Version, string Checksum, IReadOnlyList<ControlFile> Scripts, IReadOnlyList<string> Triggers);
