using System.Security.Cryptography;
using System.Text;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// OCI layouts as the registry pusher reads them (<c>index.json</c>, manifests, image indexes).
/// Mode 0: the payload is <c>index.json</c>. Mode 1: the payload is the root manifest or index blob,
/// referenced by a generated <c>index.json</c>. Mode 2: the payload is a platform manifest below a
/// generated image index. A small valid image (config, layer, manifest) is always present, so
/// references to it resolve.
/// </summary>
internal sealed class LayoutTarget : FuzzTarget
{
    private static readonly string Folder = CreateBaseLayout();
    private static string? previousBlob;

    public override string Name => "layout";

    public override string Description => "byte 0 % 3: 0 = index.json, 1 = root manifest/index blob, 2 = platform manifest below an index";

    public override void Run(byte[] input)
    {
        (int mode, byte[] payload) = Split(input, 3);
        if (previousBlob is not null)
        {
            File.Delete(previousBlob);
            previousBlob = null;
        }
        string indexJson;
        if (mode == 0)
        {
            indexJson = Encoding.UTF8.GetString(payload);
        }
        else
        {
            string digest = WriteBlob(payload, remember: true);
            string descriptor = $"{{\"digest\":\"{digest}\",\"size\":{payload.Length}}}";
            if (mode == 2)
            {
                string index = $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{digest}\",\"size\":{payload.Length},\"platform\":{{\"os\":\"linux\",\"architecture\":\"amd64\"}}}}]}}";
                byte[] bytes = Encoding.UTF8.GetBytes(index);
                descriptor = $"{{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"{WriteBlob(bytes, remember: false)}\",\"size\":{bytes.Length}}}";
            }
            indexJson = $"{{\"schemaVersion\":2,\"manifests\":[{descriptor}]}}";
        }
        File.WriteAllText(Path.Combine(Folder, "index.json"), indexJson);
        LayoutContent content = LayoutContent.Load(Folder, entry: null);
        _ = content.Blobs.Count + content.Manifests.Count + content.PlatformManifests.Count;
        _ = content.Root.Digest;
    }

    private static string WriteBlob(byte[] bytes, bool remember)
    {
        string hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string path = Path.Combine(Folder, "blobs", "sha256", hex);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, bytes);
            if (remember)
            {
                previousBlob = path;
            }
        }
        return "sha256:" + hex;
    }

    private static string CreateBaseLayout()
    {
        string folder = Directory.CreateTempSubdirectory("imagedsl-fuzz-layout-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(folder, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        foreach (string blob in FuzzSeeds.LayoutBlobs)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(blob);
            File.WriteAllBytes(Path.Combine(folder, "blobs", "sha256", Convert.ToHexStringLower(SHA256.HashData(bytes))), bytes);
        }
        return folder;
    }
}
