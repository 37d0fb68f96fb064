using System.Text;
using ImageDsl.Formats.Json;
using ImageDsl.Formats.Tar;

namespace ImageDsl.Oci.Engine;

/// <summary>
/// One image as a `docker save` archive (`manifest.json`, the config, the gzip layers), the body of the
/// Docker engine API's `POST /images/load`. Entries are 0:0 with mtime 0, so the same image gives the same bytes.
/// </summary>
public static class DockerArchive
{
    /// <summary>Writes <paramref name="image"/> with <paramref name="tags"/> (`repo:tag`) as a docker archive to <paramref name="output"/>.</summary>
    public static void Write(Stream output, BlobStore store, OciImage image, IReadOnlyList<string> tags)
    {
        string config = image.Config.Hex + ".json";
        string[] layers = image.Layers.Select(l => l.Descriptor.Hex + ".tar.gz").ToArray();
        var manifest = new GoJsonWriter();
        manifest.StartArray()
            .StartObject()
            .Property("Config", config)
            .StringArray("RepoTags", tags)
            .StringArray("Layers", layers)
            .EndObject()
            .EndArray();

        using var tar = new DeterministicTarWriter(output, leaveOpen: true);
        WriteBlob(tar, config, store, image.Config.Digest);
        for (int i = 0; i < layers.Length; i++)
        {
            WriteBlob(tar, layers[i], store, image.Layers[i].Digest);
        }
        byte[] json = manifest.ToBytes();
        tar.WriteEntry(File("manifest.json", json.Length), new MemoryStream(json));
        tar.Finish();
    }

    private static void WriteBlob(DeterministicTarWriter tar, string name, BlobStore store, string digest)
    {
        using FileStream blob = store.OpenRead(digest);
        tar.WriteEntry(File(name, blob.Length), blob);
    }

    private static TarEntryHeader File(string name, long size) =>
        new() { Name = name, Kind = TarEntryKind.RegularFile, Mode = (UnixFileMode)0x1A4, Size = size };
}
