using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Sbom;
using ImageDsl.Tests.Oci;
using Json.Schema;

namespace ImageDsl.Tests.Sbom;

public class SpdxWriterTests
{

    private static readonly SbomPackage[] Packages =
    [
        new("busybox", "1.36.1-r0", "x86_64")
        {
            License = "GPL-2.0-only", Origin = "busybox", Description = "Size optimized toolbox", Url = "https://busybox.net/",
            ControlChecksum = "Q1" + Convert.ToBase64String(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray()),
            Maintainer = "Jane Doe <jane@example.com>",
        },
        new("hello-wolfi", "2.12.1-r0", "x86_64")
        {
            License = "GPL-3.0-or-later", DataHash = "3a6c21f20a07bebf261162b5ab13cb041d7c1cc3e1edc644aaa99f109f87d887",
        },
        new("libstdc++", "12.2.1-r4", "x86_64") { License = "GPL-2.0-or-later AND LGPL-2.1-or-later" },
        new("test-baselayout", "1.0-r0", "x86_64"),
    ];

    /// <summary>The SBOM melange embedded in the real Wolfi package fixture.</summary>
    private static byte[] HelloWolfiSbom()
    {
        using var gzip = new GZipStream(File.OpenRead(Fixtures.Shared("wolfi", "hello-wolfi-2.12.1-r0.apk")), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "var/lib/db/sbom/hello-wolfi-2.12.1-r0.spdx.json")
            {
                using var buffer = new MemoryStream();
                entry.DataStream!.CopyTo(buffer);
                return buffer.ToArray();
            }
        }
        throw new InvalidOperationException("the fixture has no embedded SBOM");
    }

    private static (OciImageIndex Index, SbomImage Image) Build(BlobStore store, bool withOsRelease = true)
    {
        FileTree tree = TestImages.BusyboxTree();
        if (!withOsRelease)
        {
            tree.Remove("/etc/os-release");
        }
        tree.MkdirAll("/var/lib/db/sbom");
        tree.WriteFile("/var/lib/db/sbom/hello-wolfi-2.12.1-r0.spdx.json", HelloWolfiSbom());
        OciImage image = ImageWriter.WriteImage(new ImageRequest(tree, TestImages.Configuration(), Architecture.Amd64), store);
        OciImageIndex index = ImageWriter.WriteIndex([image], TestImages.Configuration(), DateTimeOffset.UnixEpoch, store);
        return (index, new SbomImage(image, tree, Packages));
    }

    private static void AssertValid(byte[] document)
    {
        using var parsed = JsonDocument.Parse(document);
        EvaluationResults results = SpdxSchema.Instance.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    [Fact]
    public void A_package_with_files_lists_them_with_checksums_and_a_verification_code_and_validates()
    {
        using var work = new TempDirectory();
        var (index, image) = Build(new BlobStore(work.Combine("store")));
        string a = new('a', 40), b = new('b', 40);
        var local = new SbomPackage("myapp", "1.0.0-r0", "noarch") { Files = [new SbomFile("/app/z", a), new SbomFile("/app/bin/app", b)] };
        image = image with { Packages = [.. image.Packages, local] };
        IReadOnlyList<string> files = SpdxWriter.Write(work.Combine("sbom"), index, [image], new SbomOptions());
        byte[] bytes = File.ReadAllBytes(files[0]);
        AssertValid(bytes);

        JsonNode doc = JsonNode.Parse(bytes)!;
        JsonNode package = doc["packages"]!.AsArray().Single(p => (string?)p!["name"] == "myapp")!;
        Assert.True((bool)package["filesAnalyzed"]!);
        string expectedCode = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.ASCII.GetBytes(a + b)));
        Assert.Equal(expectedCode, (string?)package["packageVerificationCode"]!["packageVerificationCodeValue"]);
        var listed = doc["files"]!.AsArray().Select(f => ((string)f!["fileName"]!, (string)f["checksums"]![0]!["checksumValue"]!)).ToList();
        Assert.Equal([("/app/bin/app", b), ("/app/z", a)], listed);
        var ids = package["hasFiles"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Equal(ids, doc["files"]!.AsArray().Select(f => (string)f!["SPDXID"]!));
        Assert.All(ids, id => Assert.Contains(doc["relationships"]!.AsArray(),
            r => (string?)r!["spdxElementId"] == (string?)package["SPDXID"] && (string?)r["relationshipType"] == "CONTAINS" && (string?)r["relatedSpdxElement"] == id));
        // Packages without files keep filesAnalyzed false.
        Assert.False((bool)doc["packages"]!.AsArray().Single(p => (string?)p!["name"] == "busybox")!["filesAnalyzed"]!);
    }

    [Fact]
    public void Image_and_index_sboms_validate_and_list_every_installed_package()
    {
        using var work = new TempDirectory();
        var (index, image) = Build(new BlobStore(work.Combine("store")));
        var options = new SbomOptions { ImageName = SpdxWriter.PurlName("registry.example/org/app:1"), VcsUrl = "https://github.com/o/r@" + new string('a', 40) };
        IReadOnlyList<string> files = SpdxWriter.Write(work.Combine("sbom"), index, [image], options);

        Assert.Equal(["sbom-x86_64.spdx.json", "sbom-index.spdx.json"], files.Select(Path.GetFileName));
        byte[] imageBytes = File.ReadAllBytes(files[0]);
        AssertValid(imageBytes);
        AssertValid(File.ReadAllBytes(files[1]));
        Assert.EndsWith("}\n", Encoding.UTF8.GetString(imageBytes));
        Assert.Contains("\n  \"packages\": [\n    {\n", Encoding.UTF8.GetString(imageBytes));

        JsonNode doc = JsonNode.Parse(imageBytes)!;
        var packages = doc["packages"]!.AsArray();
        var purls = packages.SelectMany(p => p!["externalRefs"]?.AsArray() ?? []).Select(r => (string)r!["referenceLocator"]!).ToList();
        Assert.Contains("pkg:apk/testos/busybox@1.36.1-r0?arch=x86_64", purls);
        Assert.Contains("pkg:apk/testos/libstdc%2B%2B@12.2.1-r4?arch=x86_64", purls);
        // hello-wolfi keeps the one purl melange gave it; ours would name the distribution differently.
        Assert.DoesNotContain("pkg:apk/testos/hello-wolfi@2.12.1-r0?arch=x86_64", purls);
        Assert.Contains("pkg:apk/unknown/hello-wolfi@2.12.1-r0?arch=x86_64", purls);
        Assert.Contains("pkg:apk/testos/test-baselayout@1.0-r0?arch=x86_64", purls);
        Assert.Contains($"pkg:oci/app@{index.Images[0].Manifest.Digest}?arch=amd64&mediaType=application%2Fvnd.oci.image.manifest.v1%2Bjson&os=linux", purls);
        Assert.Contains($"pkg:github/o/r@{new string('a', 40)}", purls);

        JsonNode busybox = packages.Single(p => (string?)p!["name"] == "busybox")!;
        Assert.Equal("0102030405060708090a0b0c0d0e0f1011121314", (string?)busybox["checksums"]![0]!["checksumValue"]);
        Assert.Equal("Person: Jane Doe <jane@example.com>", (string?)busybox["supplier"]);
        Assert.Equal("GPL-2.0-only", (string?)busybox["licenseDeclared"]);

        // hello-wolfi comes from its embedded SBOM (melange's id), enriched with our purl and data hash.
        JsonNode hello = packages.Single(p => (string?)p!["name"] == "hello-wolfi")!;
        Assert.Equal("SPDXRef-Package-hello-wolfi-2.12.1-r0", (string?)hello["SPDXID"]);
        Assert.False((bool)hello["filesAnalyzed"]!);
        Assert.Null(hello["hasFiles"]);
        Assert.Null(hello["packageVerificationCode"]);
        Assert.Contains(hello["checksums"]!.AsArray(), c => (string?)c!["checksumValue"] == Packages[1].DataHash);

        string imageId = (string)doc["documentDescribes"]![0]!;
        var contained = doc["relationships"]!.AsArray()
            .Where(r => (string?)r!["spdxElementId"] == imageId && (string?)r["relationshipType"] == "CONTAINS")
            .Select(r => (string)r!["relatedSpdxElement"]!).ToHashSet();
        Assert.All(packages.Where(p => ((string)p!["SPDXID"]!).Contains("apk-", StringComparison.Ordinal) || (string?)p!["name"] == "hello-wolfi"),
            p => Assert.Contains((string)p!["SPDXID"]!, contained));
        Assert.Equal("Organization: Test OS", (string?)packages[0]!["supplier"]);
        AssertApkoShape(doc, imageId);
    }

    /// <summary>apko's structure: the relationships it writes and no others, its purposes, no empty lists.</summary>
    private static void AssertApkoShape(JsonNode doc, string imageId)
    {
        JsonArray packages = doc["packages"]!.AsArray();
        JsonArray relationships = doc["relationships"]!.AsArray();
        string osId = (string)packages.Single(p => (string?)p!["primaryPackagePurpose"] == "OPERATING_SYSTEM")!["SPDXID"]!;
        Assert.DoesNotContain(relationships, r => (string?)r!["relatedSpdxElement"] == osId || (string?)r!["spdxElementId"] == osId);
        JsonNode layer = packages.Single(p => ((string)p!["SPDXID"]!).StartsWith("SPDXRef-Package-ImageLayer-", StringComparison.Ordinal))!;
        Assert.Equal("CONTAINER", (string?)layer["primaryPackagePurpose"]);
        Assert.Contains(relationships, r => (string?)r!["spdxElementId"] == imageId && (string?)r["relatedSpdxElement"] == (string?)layer["SPDXID"]);
        Assert.All(relationships, r => Assert.Contains((string?)r!["relationshipType"], new[] { "CONTAINS", "DESCRIBED_BY", "GENERATED_FROM" }));
        foreach (JsonNode? package in packages)
        {
            foreach ((string key, JsonNode? value) in package!.AsObject())
            {
                Assert.False(value is JsonArray { Count: 0 }, $"{package["SPDXID"]}: empty {key}");
            }
        }
        Assert.Null(packages[0]!["licenseDeclared"]); // apko writes no license fields for the image
    }

    [Fact]
    public void Sboms_are_byte_identical_across_builds_and_name_an_unknown_distro_without_os_release()
    {
        using var work = new TempDirectory();
        var first = Build(new BlobStore(work.Combine("a")), withOsRelease: false);
        var second = Build(new BlobStore(work.Combine("b")), withOsRelease: false);
        byte[] a = SpdxWriter.ImageDocument(first.Image, new SbomOptions());
        byte[] b = SpdxWriter.ImageDocument(second.Image, new SbomOptions());

        Assert.Equal(a, b);
        AssertValid(a);
        string text = Encoding.UTF8.GetString(a);
        Assert.Contains("pkg:apk/unknown/busybox@1.36.1-r0?arch=x86_64", text);
        Assert.Contains("\"SPDXRef-OperatingSystem-unknown\"", text);
        Assert.Contains("\"licenseDeclared\": \"GPL-2.0-or-later AND LGPL-2.1-or-later\"", text);
    }

    [Fact]
    public void The_schema_check_would_catch_a_broken_package()
    {
        using var work = new TempDirectory();
        var (_, image) = Build(new BlobStore(work.Path));
        JsonNode doc = JsonNode.Parse(SpdxWriter.ImageDocument(image, new SbomOptions()))!;
        doc["packages"]![0]!.AsObject().Remove("downloadLocation");
        Assert.ThrowsAny<Exception>(() => AssertValid(Encoding.UTF8.GetBytes(doc.ToJsonString())));
    }

    [Theory]
    [InlineData("sha256:ab_c", "sha256-abC95c")]
    [InlineData("a.b-c", "a.b-c")]
    public void Identifiers_are_escaped_like_apko(string input, string expected) => Assert.Equal(expected, SpdxText.Identifier(input));
}
