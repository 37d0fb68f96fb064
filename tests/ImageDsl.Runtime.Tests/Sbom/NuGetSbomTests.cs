using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Sbom;
using ImageDsl.Tests.Oci;
using Json.Schema;

namespace ImageDsl.Tests.Sbom;

/// <summary>
/// A local content package holding a real self-contained publish: both SBOM formats list its NuGet
/// packages with `pkg:nuget/` purls, the deps file's SHA-512 and the dependency graph from the app
/// package, and still validate against their schemas.
/// </summary>
public class NuGetSbomTests
{
    private const string DepsPath = "/app/DepsApp.deps.json";

    private static (OciImageIndex Index, SbomImage Image) Build(BlobStore store)
    {
        FileTree tree = TestImages.BusyboxTree();
        byte[] deps = File.ReadAllBytes(Fixtures.Repo("tests", "ImageDsl.Runtime.Tests", "Sbom", "DepsJson", "DepsApp.self-contained.deps.json"));
        tree.MkdirAll("/app");
        tree.WriteFile(DepsPath, deps).Package = "myapp";
        var files = new List<SbomFile>
        {
            new(DepsPath, Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(deps))),
            new("/app/DepsApp.dll", new string('b', 40)),
        };
        var app = new SbomPackage("myapp", "1.0.0-r0", "noarch") { Files = files, NuGet = DepsJsonReader.Read(tree, "myapp", files) };
        OciImage image = ImageWriter.WriteImage(new ImageRequest(tree, TestImages.Configuration(), Architecture.Amd64), store);
        OciImageIndex index = ImageWriter.WriteIndex([image], TestImages.Configuration(), DateTimeOffset.UnixEpoch, store);
        return (index, new SbomImage(image, tree, [new SbomPackage("busybox", "1.36.1-r0", "x86_64"), app]));
    }

    private static void AssertValid(JsonSchema schema, byte[] document)
    {
        using var parsed = JsonDocument.Parse(document);
        EvaluationResults results = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    private static HashSet<(string, string, string)> Relationships(JsonNode doc) =>
        doc["relationships"]!.AsArray().Select(r => ((string)r!["spdxElementId"]!, (string)r["relationshipType"]!, (string)r["relatedSpdxElement"]!)).ToHashSet();

    [Fact]
    public void Spdx_lists_the_nuget_packages_with_purls_checksums_and_depends_on_from_the_app_and_validates()
    {
        using var work = new TempDirectory();
        var (index, image) = Build(new BlobStore(work.Combine("store")));
        byte[] bytes = SpdxWriter.ImageDocument(image, new SbomOptions());
        AssertValid(SpdxSchema.Instance, bytes);

        JsonNode doc = JsonNode.Parse(bytes)!;
        JsonArray packages = doc["packages"]!.AsArray();
        JsonNode Named(string name) => packages.Single(p => (string?)p!["name"] == name)!;
        string app = (string)Named("myapp")["SPDXID"]!;
        var nuget = packages.Where(p => ((string?)p!["externalRefs"]?[0]?["referenceLocator"])?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(8, nuget.Count);

        JsonNode yaml = Named("YamlDotNet");
        Assert.Equal("18.1.0", (string?)yaml["versionInfo"]);
        Assert.Equal("pkg:nuget/YamlDotNet@18.1.0", (string?)yaml["externalRefs"]![0]!["referenceLocator"]);
        Assert.Equal("LIBRARY", (string?)yaml["primaryPackagePurpose"]);
        Assert.Equal("SHA512", (string?)yaml["checksums"]![0]!["algorithm"]);
        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String("5K+9KFg2TdTl7VXv88Qzi/0lqK6JFoNP3lRuImPYGRV7K/QYklDyTrj4+A+KAki1JsQi6qKY+hDyY7d6WRqjrw==")),
            (string?)yaml["checksums"]![0]!["checksumValue"]);
        Assert.Contains(DepsPath, (string?)yaml["sourceInfo"], StringComparison.Ordinal);
        Assert.Null(Named("Microsoft.NETCore.App.Runtime.linux-x64")["checksums"]);

        var relationships = Relationships(doc);
        string Id(string name) => (string)Named(name)["SPDXID"]!;
        // The app depends on what its project references; each package on its own dependencies.
        Assert.Contains((app, "DEPENDS_ON", Id("YamlDotNet")), relationships);
        Assert.Contains((app, "DEPENDS_ON", Id("Microsoft.Extensions.Logging")), relationships);
        Assert.Contains((app, "DEPENDS_ON", Id("Microsoft.NETCore.App.Runtime.linux-x64")), relationships);
        Assert.DoesNotContain((app, "DEPENDS_ON", Id("Microsoft.Extensions.Primitives")), relationships);
        Assert.Contains((Id("Microsoft.Extensions.Options"), "DEPENDS_ON", Id("Microsoft.Extensions.Primitives")), relationships);
        // Every NuGet package is reachable from the app.
        var reached = new HashSet<string> { app };
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (from, type, to) in relationships)
            {
                grew |= type == "DEPENDS_ON" && reached.Contains(from) && reached.Add(to);
            }
        }
        Assert.All(nuget, p => Assert.Contains((string)p!["SPDXID"]!, reached));
        // The deps file is listed as one of the app's files and as the manifest of its dependencies.
        string depsFileId = doc["files"]!.AsArray().Single(f => (string?)f!["fileName"] == DepsPath)!["SPDXID"]!.GetValue<string>();
        Assert.Contains((depsFileId, "DEPENDENCY_MANIFEST_OF", app), relationships);
        Assert.Contains((app, "CONTAINS", depsFileId), relationships);

        // Deterministic: the same input, the same bytes.
        Assert.Equal(bytes, SpdxWriter.ImageDocument(Build(new BlobStore(work.Combine("store2"))).Image, new SbomOptions()));
    }

    [Fact]
    public void Names_and_versions_that_would_spell_the_same_spdx_id_stay_two_packages()
    {
        using var work = new TempDirectory();
        var (_, image) = Build(new BlobStore(work.Combine("store")));
        NuGetLibrary first = new("A-1", "0.0"), second = new("A", "1-0.0");
        var app = new SbomPackage("other", "1.0.0-r0", "noarch")
        {
            Files = [new SbomFile("/other/x", new string('c', 40))],
            NuGet = new NuGetDependencies(["/other/x.deps.json"], [first, second], [first.Key, second.Key]),
        };
        byte[] bytes = SpdxWriter.ImageDocument(image with { Packages = [.. image.Packages, app] }, new SbomOptions());
        AssertValid(SpdxSchema.Instance, bytes);

        JsonArray packages = JsonNode.Parse(bytes)!["packages"]!.AsArray();
        Assert.Single(packages, p => (string?)p!["name"] == "A-1" && (string?)p["versionInfo"] == "0.0");
        Assert.Single(packages, p => (string?)p!["name"] == "A" && (string?)p["versionInfo"] == "1-0.0");
    }

    [Fact]
    public void Cyclonedx_lists_the_nuget_components_and_their_dependencies_and_validates()
    {
        using var work = new TempDirectory();
        var (_, image) = Build(new BlobStore(work.Combine("store")));
        byte[] bytes = CycloneDxWriter.ImageDocument(image, new SbomOptions { ImageName = "app" });
        AssertValid(CycloneDxSchema.Instance, bytes);

        JsonNode bom = JsonNode.Parse(bytes)!;
        JsonArray components = bom["components"]!.AsArray();
        JsonNode yaml = components.Single(c => (string?)c!["name"] == "YamlDotNet")!;
        Assert.Equal("library", (string?)yaml["type"]);
        Assert.Equal("pkg:nuget/YamlDotNet@18.1.0", (string?)yaml["purl"]);
        Assert.Equal("pkg:nuget/YamlDotNet@18.1.0", (string?)yaml["bom-ref"]);
        Assert.Equal("SHA-512", (string?)yaml["hashes"]![0]!["alg"]);
        Assert.Equal(8, components.Count(c => ((string?)c!["purl"])?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true));

        var dependencies = bom["dependencies"]!.AsArray().ToDictionary(d => (string)d!["ref"]!, d => d!["dependsOn"]!.AsArray().Select(x => (string)x!).ToList());
        string appRef = (string)components.Single(c => (string?)c!["name"] == "myapp")!["bom-ref"]!;
        Assert.Equal(["pkg:nuget/Microsoft.Extensions.Logging@6.0.0", "pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@10.0.12", "pkg:nuget/YamlDotNet@18.1.0"],
            dependencies[appRef]);
        Assert.Equal(["pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0", "pkg:nuget/Microsoft.Extensions.Primitives@6.0.0"],
            dependencies["pkg:nuget/Microsoft.Extensions.Options@6.0.0"]);
        Assert.Empty(dependencies["pkg:nuget/YamlDotNet@18.1.0"]);
        // The image depends on its apk packages; the NuGet packages hang off the app package, not the image.
        string imageRef = (string)bom["metadata"]!["component"]!["bom-ref"]!;
        Assert.DoesNotContain("pkg:nuget/YamlDotNet@18.1.0", dependencies[imageRef]);
        Assert.Contains(appRef, dependencies[imageRef]);
    }
}
