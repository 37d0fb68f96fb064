using System.Globalization;
using System.Text;
using ImageDsl.Apk.Archive;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// Writes `APKINDEX.tar.gz` as apk does: [a signature member] + one gzip member holding a tar with
/// `DESCRIPTION` and `APKINDEX`. Records are in apk's field order and sorted by name then version;
/// output depends only on the packages, the description and the key.
/// </summary>
public static class ApkIndexWriter
{
    /// <summary>The APKINDEX text: one blank-line-terminated record per package.</summary>
    public static string FormatIndex(IEnumerable<ApkIndexEntry> entries)
    {
        var text = new StringBuilder();
        foreach (ApkIndexEntry entry in Sort(entries))
        {
            PackageInfo p = entry.Info;
            Field(text, 'C', entry.ControlChecksum);
            Field(text, 'P', p.Name);
            Field(text, 'V', p.Version);
            Field(text, 'A', p.Arch);
            Field(text, 'S', entry.FileSize.ToString(CultureInfo.InvariantCulture));
            Field(text, 'I', p.InstalledSize.ToString(CultureInfo.InvariantCulture));
            Field(text, 'T', p.Description);
            Field(text, 'U', p.Url);
            Field(text, 'L', p.License);
            Optional(text, 'o', p.Origin);
            Optional(text, 'm', p.Maintainer);
            Optional(text, 't', p.BuildDate == 0 ? "" : p.BuildDate.ToString(CultureInfo.InvariantCulture));
            Optional(text, 'c', p.Commit);
            Optional(text, 'k', p.ProviderPriority?.ToString(CultureInfo.InvariantCulture) ?? "");
            Optional(text, 'D', string.Join(' ', p.Depends));
            Optional(text, 'p', string.Join(' ', p.Provides));
            Optional(text, 'i', string.Join(' ', p.InstallIf));
            Optional(text, 'r', string.Join(' ', p.Replaces));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The bytes of `APKINDEX.tar.gz`, signed when <paramref name="signingKey"/> is given.</summary>
    public static byte[] Write(IEnumerable<ApkIndexEntry> entries, string description = "", ApkPrivateKey? signingKey = null)
    {
        List<ApkIndexEntry> list = entries.ToList();
        long mtime = list.Count == 0 ? 0 : list.Max(e => e.Info.BuildDate);
        byte[] apkindex = Encoding.UTF8.GetBytes(FormatIndex(list));
        byte[] descriptionBytes = Encoding.UTF8.GetBytes(description);
        var tar = new MemoryStream();
        var builder = AbuildTar.Writer(tar);
        builder.WriteEntry(AbuildTar.Entry("DESCRIPTION", '0') with { ModificationTime = mtime, Size = descriptionBytes.Length }, new MemoryStream(descriptionBytes));
        builder.WriteEntry(AbuildTar.Entry("APKINDEX", '0') with { ModificationTime = mtime, Size = apkindex.Length }, new MemoryStream(apkindex));
        builder.Finish();
        byte[] index = GzipMemberWriter.Compress(tar.ToArray());
        if (signingKey is null)
        {
            return index;
        }
        byte[] signature = GzipMemberWriter.Compress(ApkPackageWriter.SignatureTar(signingKey, index, mtime));
        return [.. signature, .. index];
    }

    /// <summary>Writes `APKINDEX.tar.gz` to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void WriteFile(string path, IEnumerable<ApkIndexEntry> entries, string description = "", ApkPrivateKey? signingKey = null)
    {
        byte[] bytes = Write(entries, description, signingKey);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write index {full}: {e.Message}",
                "Check that the repository folder is writable.", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Opens every `*.apk` in <paramref name="directory"/> (verifying each: datahash, and signatures by
    /// keys in <paramref name="keyring"/>) and returns their records. When <paramref name="arch"/> is
    /// given, a package of another arch (other than `noarch`) is an error.
    /// </summary>
    public static IReadOnlyList<ApkIndexEntry> ScanDirectory(string directory, string? arch = null, Keyring? keyring = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"{directory} is not a directory",
                "Give the repository folder (with <arch>/ subfolders) or one arch folder.");
        }
        var entries = new List<ApkIndexEntry>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory, "*.apk").Order(StringComparer.Ordinal))
        {
            using ApkPackage package = ApkPackageReader.Open(file, new ApkPackageReaderOptions { Keyring = keyring });
            PackageInfo info = package.Info;
            if (arch is not null && info.Arch != arch && info.Arch != "noarch")
            {
                throw new ImageDslException(ErrorKind.Configuration, $"{file} is a {info.Arch} package, but this is the {arch} folder",
                    "Put each package in the folder of its architecture.");
            }
            if (seen.TryGetValue(info.NameVersion, out string? other))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"{file} and {other} are both {info.NameVersion}",
                    "Remove one of them; an index holds each name and version once.");
            }
            seen[info.NameVersion] = file;
            entries.Add(ApkIndexEntry.From(package));
        }
        return Sort(entries);
    }

    private static List<ApkIndexEntry> Sort(IEnumerable<ApkIndexEntry> entries) =>
        entries.OrderBy(e => e.Info.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Info.Version, VersionTextOrder.Instance)
            .ThenBy(e => e.ControlChecksum, StringComparer.Ordinal)
            .ToList();

    private static void Field(StringBuilder text, char letter, string value)
    {
        if (value.Contains('\n'))
        {
            throw new ImageDslException(ErrorKind.Integrity, $"index field {letter} contains a line break: '{value}'",
                "A package's metadata cannot contain line breaks.");
        }
        text.Append(letter).Append(':').Append(value).Append('\n');
    }

    private static void Optional(StringBuilder text, char letter, string value)
    {
        if (value.Length > 0)
        {
            Field(text, letter, value);
        }
    }
}
