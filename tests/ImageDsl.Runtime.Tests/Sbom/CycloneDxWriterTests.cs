using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Sbom;
using ImageDsl.Tests.Oci;
using Json.Schema;

namespace ImageDsl.Tests.Sbom;

public class CycloneDxWriterTests
{
    private static readonly SbomPackage[] Packages =
    [
        new("busybox", "1.36.1-r0", "x86_64")
        {
            License = "GPL-2.0-only", Origin = "busybox", Description = "Size optimized toolbox", Url = "https://busybox.net/",
            ControlChecksum = "Q1" + Convert.ToBase64String(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray()),
            Maintainer = "Jane Doe <jane@example.com>",
        },
        new("libstdc++", "12.2.1-r4", "x86_64")
        {
            License = "GPL-2.0-or-later AND LGPL-2.1-or-later",
            DataHash = "3a6c21f20a07bebf261162b5ab13cb041d7c1cc3e1edc644aaa99f109f87d887",
        },
        new("test-baselayout", "1.0-r0", "x86_64"),
    ];

    private static (OciImageIndex Index, SbomImage[] Images) Build(BlobStore store)
    {
        var images = new List<SbomImage>();
        foreach (Architecture arch in new[] { Architecture.Amd64, Architecture.Arm64 })
        {
            FileTree tree = TestImages.BusyboxTree();
            OciImage image = ImageWriter.WriteImage(new ImageRequest(tree, TestImages.Configuration(), arch), store);
            images.Add(new SbomImage(image, tree, Packages));
        }
        OciImageIndex index = ImageWriter.WriteIndex(images.Select(i => i.Image).ToList(), TestImages.Configuration(), DateTimeOffset.UnixEpoch, store);
        return (index, images.ToArray());
    }

    private static void AssertValid(byte[] document)
    {
        using var parsed = JsonDocument.Parse(document);
        EvaluationResults results = CycloneDxSchema.Instance.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    [Fact]
    public void Image_and_index_boms_validate_against_the_cyclonedx_1_6_schema_and_list_every_package()
    {
        using var work = new TempDirectory();
        var (index, images) = Build(new BlobStore(work.Combine("store")));
        var options = new SbomOptions { ImageName = "app", VcsUrl = "https://github.com/o/r@" + new string('a', 40) };
        IReadOnlyList<string> files = CycloneDxWriter.Write(work.Combine("sbom"), index, images, options);

        Assert.Equal(["sbom-x86_64.cdx.json", "sbom-aarch64.cdx.json", "sbom-index.cdx.json"], files.Select(Path.GetFileName));
        foreach (string file in files)
        {
            AssertValid(File.ReadAllBytes(file));
        }

        JsonNode bom = JsonNode.Parse(File.ReadAllBytes(files[0]))!;
        Assert.Equal("1.6", (string?)bom["specVersion"]);
        Assert.Equal("container", (string?)bom["metadata"]!["component"]!["type"]);
        Assert.Equal(index.Images.Single(i => i.Architecture == Architecture.Amd64).Manifest.Digest, (string?)bom["metadata"]!["component"]!["version"]);
        JsonArray components = bom["components"]!.AsArray();
        Assert.Equal(["busybox", "libstdc++", "test-baselayout"],
            components.Where(c => (string?)c!["type"] == "library").Select(c => (string)c!["name"]!));
        JsonNode busybox = components.Single(c => (string?)c!["name"] == "busybox")!;
        Assert.Equal("pkg:apk/testos/busybox@1.36.1-r0?arch=x86_64", (string?)busybox["purl"]);
        Assert.Equal("0102030405060708090a0b0c0d0e0f1011121314", (string?)busybox["hashes"]![0]!["content"]);
        Assert.Equal("GPL-2.0-only", (string?)busybox["licenses"]![0]!["expression"]);
        Assert.Equal("SHA-256", (string?)components.Single(c => (string?)c!["name"] == "libstdc++")!["hashes"]![0]!["alg"]);
        Assert.Contains(components, c => (string?)c!["type"] == "operating-system" && (string?)c["name"] == "testos");
        var dependsOn = bom["dependencies"]![0]!["dependsOn"]!.AsArray().Select(d => (string)d!).ToHashSet();
        Assert.All(components, c => Assert.Contains((string)c!["bom-ref"]!, dependsOn));

        JsonNode indexBom = JsonNode.Parse(File.ReadAllBytes(files[2]))!;
        Assert.Equal(index.Index.Digest, (string?)indexBom["metadata"]!["component"]!["version"]);
        Assert.Equal(index.Images.Select(i => i.Manifest.Digest), indexBom["components"]!.AsArray().Select(c => (string)c!["version"]!));
    }

    [Fact]
    public void The_same_image_gives_the_same_bytes()
    {
        using var work = new TempDirectory();
        var first = Build(new BlobStore(work.Combine("a")));
        var second = Build(new BlobStore(work.Combine("b")));
        Assert.Equal(CycloneDxWriter.ImageDocument(first.Images[0], new SbomOptions()), CycloneDxWriter.ImageDocument(second.Images[0], new SbomOptions()));
    }

    [Fact]
    public void The_schema_check_would_catch_a_broken_bom()
    {
        using var work = new TempDirectory();
        var (_, images) = Build(new BlobStore(work.Path));
        JsonNode bom = JsonNode.Parse(CycloneDxWriter.ImageDocument(images[0], new SbomOptions()))!;
        bom["components"]![1]!["type"] = "apk-package";
        Assert.ThrowsAny<Exception>(() => AssertValid(Encoding.UTF8.GetBytes(bom.ToJsonString())));
    }

    [Theory]
    [InlineData(new[] { "spdx" }, new[] { SbomFormat.Spdx })]
    [InlineData(new[] { "spdx", "cyclonedx" }, new[] { SbomFormat.Spdx, SbomFormat.CycloneDx })]
    [InlineData(new[] { "CycloneDX", "cdx", "spdx" }, new[] { SbomFormat.CycloneDx, SbomFormat.Spdx })]
    [InlineData(new string[0], new[] { SbomFormat.Spdx })]
    public void Sbom_formats_accept_apkos_name_and_ours(string[] names, SbomFormat[] expected) =>
        Assert.Equal(expected, SbomFormats.Parse(names));

    [Fact]
    public void An_unknown_sbom_format_is_a_usage_error_naming_it()
    {
        var error = Assert.Throws<ImageDslException>(() => SbomFormats.Parse(["spdx", "syft-json"]));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains("'syft-json'", error.Message, StringComparison.Ordinal);
    }
}
