using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Migrating;

/// <summary>One layer entry as the tar header has it.</summary>
internal sealed record LayerEntry(string Name, TarEntryType Type, int Uid, int Gid, UnixFileMode Mode, string LinkName, byte[] Content);

/// <summary>
/// One architecture's image of an OCI layout, read from index.json down: its manifest entry, config,
/// layer blobs and the layer entries (last layer wins for a path).
/// </summary>
internal sealed class LayoutImage
{
    private LayoutImage(string layout, JsonObject descriptor, JsonObject config, IReadOnlyList<string> layerBlobs, IReadOnlyDictionary<string, LayerEntry> entries)
    {
        Layout = layout;
        Descriptor = descriptor;
        Config = config;
        LayerBlobs = layerBlobs;
        Entries = entries;
    }

    public string Layout { get; }

    /// <summary>The index.json entry of this image.</summary>
    public JsonObject Descriptor { get; }

    public JsonObject Config { get; }

    public IReadOnlyList<string> LayerBlobs { get; }

    /// <summary>Entries by name without a leading `./` or `/` and without a trailing `/`.</summary>
    public IReadOnlyDictionary<string, LayerEntry> Entries { get; }

    /// <summary>The platform architecture plus variant, e.g. `amd64`, `armv7`.</summary>
    public string Platform => (string)Descriptor["platform"]!["architecture"]! + (string?)Descriptor["platform"]!["variant"];

    public static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    /// <summary>Every image of the layout's index.json.</summary>
    public static IReadOnlyList<LayoutImage> ReadAll(string layout)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!.AsObject();
        var images = new List<LayoutImage>();
        foreach (JsonObject descriptor in index["manifests"]!.AsArray().Select(n => n!.AsObject()))
        {
            var manifest = JsonNode.Parse(File.ReadAllBytes(Blob(layout, (string)descriptor["digest"]!)))!.AsObject();
            var config = JsonNode.Parse(File.ReadAllBytes(Blob(layout, (string)manifest["config"]!["digest"]!)))!.AsObject();
            string[] layers = [.. manifest["layers"]!.AsArray().Select(l => Blob(layout, (string)l!["digest"]!))];
            var entries = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
            foreach (string blob in layers)
            {
                using var tar = new TarReader(new GZipStream(File.OpenRead(blob), CompressionMode.Decompress));
                while (tar.GetNextEntry() is { } entry)
                {
                    string name = entry.Name.TrimStart('.').TrimStart('/').TrimEnd('/');
                    byte[] content = [];
                    if (entry.DataStream is { } data)
                    {
                        using var copy = new MemoryStream();
                        data.CopyTo(copy);
                        content = copy.ToArray();
                    }
                    entries[name] = new LayerEntry(name, entry.EntryType, entry.Uid, entry.Gid, entry.Mode, entry.LinkName, content);
                }
            }
            images.Add(new LayoutImage(layout, descriptor, config, layers, entries));
        }
        return images;
    }

    /// <summary>The uncompressed sha256 of a layer blob, as the config's diff_ids name it.</summary>
    public static string DiffId(string blob)
    {
        using var gzip = new GZipStream(File.OpenRead(blob), CompressionMode.Decompress);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(gzip));
    }
}
