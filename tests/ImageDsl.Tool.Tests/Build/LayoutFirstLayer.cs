using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>The first layer of the first image of an OCI layout (a build's layout folder, or its tar unpacked).</summary>
internal static class LayoutFirstLayer
{
    /// <summary>The layer's manifest descriptor (through a nested image index when there is one).</summary>
    public static JsonNode Descriptor(string layout)
    {
        JsonNode index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        JsonNode top = JsonNode.Parse(File.ReadAllText(Blob(layout, (string)index["manifests"]![0]!["digest"]!)))!;
        JsonNode manifest = top["layers"] is null
            ? JsonNode.Parse(File.ReadAllText(Blob(layout, (string)top["manifests"]![0]!["digest"]!)))!
            : top;
        return manifest["layers"]![0]!;
    }

    /// <summary>
    /// Checks the layer is zstd: its media type is `tar+zstd` and its blob is a valid zstd stream (`zstd -t`, which
    /// fails the test when zstd is not installed). Returns the layer's digest.
    /// </summary>
    public static string AssertZstd(string layout)
    {
        JsonNode layer = Descriptor(layout);
        Assert.Equal("application/vnd.oci.image.layer.v1.tar+zstd", (string?)layer["mediaType"]);
        ProcessResult zstd = ProcessRunner.Run(RequiredTool.Find("zstd", "zstd"), ["-t", "-q", Blob(layout, (string)layer["digest"]!)]);
        Assert.True(zstd.ExitCode == 0, zstd.ToString());
        return (string)layer["digest"]!;
    }

    /// <summary>The path of the blob <paramref name="digest"/> (`sha256:…`) in the layout.</summary>
    public static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest[7..]);
}
