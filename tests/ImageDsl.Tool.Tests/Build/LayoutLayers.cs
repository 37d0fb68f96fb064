using System.Formats.Tar;
using System.IO.Compression;

namespace ImageDsl.Tests.Build;

/// <summary>Reads entries of a built OCI layout's layers (every gzip blob read as a tar; no index walking).</summary>
internal static class LayoutLayers
{
    /// <summary>The entry named <paramref name="name"/> (no leading slash), with its content read; null when no layer has it.</summary>
    public static (TarEntryType Type, string LinkName, string Content)? Find(string layout, string name)
    {
        foreach (string blob in Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")))
        {
            using FileStream stream = File.OpenRead(blob);
            if (stream.ReadByte() != 0x1f || stream.ReadByte() != 0x8b)
            {
                continue;
            }
            stream.Position = 0;
            using var tar = new TarReader(new GZipStream(stream, CompressionMode.Decompress));
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name.TrimStart('.', '/').TrimEnd('/') == name)
                {
                    string content = entry.DataStream is { } data ? new StreamReader(data).ReadToEnd() : "";
                    return (entry.EntryType, entry.LinkName, content);
                }
            }
        }
        return null;
    }

    /// <summary>The names (no leading slash) of every symlink in the layers that points to <paramref name="target"/>.</summary>
    public static SortedSet<string> SymlinksTo(string layout, string target)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string blob in Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")))
        {
            using FileStream stream = File.OpenRead(blob);
            if (stream.ReadByte() != 0x1f || stream.ReadByte() != 0x8b)
            {
                continue;
            }
            stream.Position = 0;
            using var tar = new TarReader(new GZipStream(stream, CompressionMode.Decompress));
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType == TarEntryType.SymbolicLink && entry.LinkName == target)
                {
                    names.Add(entry.Name.TrimStart('.', '/'));
                }
            }
        }
        return names;
    }

    /// <summary>A regular file's text; fails the test when no layer has it.</summary>
    public static string ReadText(string layout, string name) =>
        Find(layout, name)?.Content ?? throw new Xunit.Sdk.XunitException($"{name} is in no layer of {layout}");
}
