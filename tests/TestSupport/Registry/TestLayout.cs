using System.Security.Cryptography;
using System.Text;

namespace ImageDsl.Tests.Registry;

/// <summary>
/// A small two-platform OCI image layout written by hand: random "layer" blobs (one shared by both
/// platforms), a config and a manifest per platform, an image index, and index.json pointing at it.
/// </summary>
public sealed class TestLayout
{
    public const string IndexType = "application/vnd.oci.image.index.v1+json";
    public const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    private TestLayout(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string IndexDigest { get; private set; } = "";

    /// <summary>Per-platform manifest digests, amd64 first.</summary>
    public List<string> ManifestDigests { get; } = [];

    /// <summary>Every config and layer blob digest.</summary>
    public HashSet<string> BlobDigests { get; } = [];

    /// <summary>Writes a layout whose layers are gzip streams of <paramref name="layerSize"/> random bytes.</summary>
    public static TestLayout Create(string directory, int layerSize = 200_000, int? seed = null)
    {
        var layout = new TestLayout(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var random = seed is null ? new Random() : new Random(seed.Value);
        (string sharedDigest, long sharedSize) = layout.WriteBlob(RandomBytes(random, layerSize / 2));
        var entries = new List<string>();
        foreach (string arch in new[] { "amd64", "arm64" })
        {
            byte[] layer = RandomBytes(random, layerSize);
            (string layerDigest, long layerSize2) = layout.WriteBlob(layer);
            string config = $$$"""{"architecture":"{{{arch}}}","os":"linux","rootfs":{"type":"layers","diff_ids":["{{{sharedDigest}}}","{{{layerDigest}}}"]},"config":{}}""";
            (string configDigest, long configSize) = layout.WriteBlob(Encoding.UTF8.GetBytes(config));
            string manifest = $$$"""{"schemaVersion":2,"mediaType":"{{{ManifestType}}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{configDigest}}}","size":{{{configSize}}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{sharedDigest}}}","size":{{{sharedSize}}}},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{layerDigest}}}","size":{{{layerSize2}}}}]}""";
            (string manifestDigest, long manifestSize) = layout.WriteBlob(Encoding.UTF8.GetBytes(manifest), isManifest: true);
            layout.ManifestDigests.Add(manifestDigest);
            entries.Add($$$"""{"mediaType":"{{{ManifestType}}}","digest":"{{{manifestDigest}}}","size":{{{manifestSize}}},"platform":{"architecture":"{{{arch}}}","os":"linux"}}""");
        }
        string index = $$$"""{"schemaVersion":2,"mediaType":"{{{IndexType}}}","manifests":[{{{string.Join(",", entries)}}}]}""";
        (string indexDigest, long indexSize) = layout.WriteBlob(Encoding.UTF8.GetBytes(index), isManifest: true);
        layout.IndexDigest = indexDigest;
        File.WriteAllText(Path.Combine(directory, "index.json"),
            $$$"""{"schemaVersion":2,"mediaType":"{{{IndexType}}}","manifests":[{"mediaType":"{{{IndexType}}}","digest":"{{{indexDigest}}}","size":{{{indexSize}}},"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}""");
        return layout;
    }

    public string BlobPath(string digest) => Path.Combine(Directory, "blobs", "sha256", digest["sha256:".Length..]);

    private (string Digest, long Size) WriteBlob(byte[] content, bool isManifest = false)
    {
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(BlobPath(digest), content);
        if (!isManifest)
        {
            BlobDigests.Add(digest);
        }
        return (digest, content.Length);
    }

    // Real gzip streams of random bytes: tools sniff layer compression and would re-compress garbage.
    private static byte[] RandomBytes(Random random, int size)
    {
        byte[] bytes = new byte[size];
        random.NextBytes(bytes);
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }
}
