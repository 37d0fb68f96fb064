using System.Formats.Tar;
using System.IO.Compression;

namespace ImageDsl.Tests.Packages;

/// <summary>A deliberately tiny, independent APKINDEX reader for tests (the real parser belongs to Apk/Index).</summary>
internal static class IndexText
{
    /// <summary>The named tar entry of an APKINDEX.tar.gz (all gzip members read as one tar stream).</summary>
    public static string ReadEntry(string indexPath, string entryName = "APKINDEX")
    {
        using var gzip = new GZipStream(File.OpenRead(indexPath), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == entryName)
            {
                using var reader = new StreamReader(entry.DataStream!);
                return reader.ReadToEnd();
            }
        }
        throw new InvalidOperationException($"{indexPath} has no {entryName}");
    }

    /// <summary>The records as letter → value maps.</summary>
    public static List<Dictionary<char, string>> Records(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l[0], l => l[2..]))
            .ToList();

    /// <summary>The `C:` value of name-version.</summary>
    public static string Checksum(string indexPath, string name, string version) =>
        Records(ReadEntry(indexPath)).Single(r => r['P'] == name && r['V'] == version)['C'];
}
