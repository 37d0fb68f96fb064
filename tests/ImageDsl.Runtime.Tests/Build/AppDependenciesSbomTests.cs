using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImageDsl.Build;
using ImageDsl.Errors;
using ImageDsl.Sbom;
using ImageDsl.Tests.Hostile;
using ImageDsl.Tests.Sbom;
using Json.Schema;

namespace ImageDsl.Tests.Build;

/// <summary>
/// A real `dotnet publish` of a tiny app with NuGet dependencies (restored offline from this machine's
/// NuGet cache: packages this repository itself uses), built as local content: both SBOMs list every
/// package of its deps file with its purl, NuGet's content hash and its place in the dependency graph,
/// and validate against the SPDX 2.3 and CycloneDX 1.6 schemas. A malformed deps file fails the build.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AppDependenciesSbomTests : IClassFixture<AppDependenciesSbomTests.Published>
{
    private readonly Published _published;

    public AppDependenciesSbomTests(Published published) => _published = published;

    /// <summary>The app, published once for the class.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class Published : IDisposable
    {
        public Published()
        {
            // The versions the repository pins: their packages are in the cache because the tests restored them.
            XDocument props = XDocument.Load(Fixtures.Repo("Directory.Packages.props"));
            string Version(string id) => props.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;
            string project = Work.Combine("app");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "DepsApp.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="YamlDotNet" Version="{Version("YamlDotNet")}" />
                    <PackageReference Include="JsonSchema.Net" Version="{Version("JsonSchema.Net")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "Program.cs"), """
                Console.WriteLine(new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(new { ok = true }));
                Console.WriteLine(typeof(Json.Schema.JsonSchema).Assembly.GetName().Name);
                """);
            // Nothing from the folders above, and no feed but the local cache: the restore never goes online.
            File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(project, "NuGet.Config"), $"""
                <configuration>
                  <packageSources><clear /><add key="cache" value="{PackagesFolder}" /></packageSources>
                </configuration>
                """);
            Output = Path.Combine(project, "publish");
            ProcessResult result = ProcessRunner.Run(RequiredTool.Find("dotnet", "dotnet-sdk-10.0"),
                ["publish", "-c", "Release", "-o", Output, "--disable-build-servers", "-nodeReuse:false"],
                workingDirectory: project,
                environment: new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" },
                timeout: TimeSpan.FromMinutes(10));
            Assert.True(result.ExitCode == 0, result.ToString());
            Repository = TestRepositories.CreateBusyboxRepository(Work.Combine("repo"), "x86_64");
        }

        public TempDirectory Work { get; } = new("imagedsl-deps-sbom");

        public string Output { get; }

        public TestRepository Repository { get; }

        public static string PackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        public string Config(string content) =>
            $"contents:\n  repositories: [{Repository.Root}]\n  keyring: [{Repository.PublicKeyPath}]\n  packages: [busybox]\n" +
            $"  local:\n    - path: {content}\n      to: /app\n      name: depsapp\n      version: 1.0.0-r0\narchs: [amd64]\n";

        public void Dispose() => Work.Dispose();
    }

    private static void AssertValid(JsonSchema schema, string file)
    {
        using var parsed = JsonDocument.Parse(File.ReadAllBytes(file));
        EvaluationResults results = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, file + "\n" + string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    [Fact]
    public async Task Both_sboms_list_every_nuget_package_of_the_published_app_and_validate()
    {
        string sboms = _published.Work.Combine("sboms");
        await HostileBuild.RunAsync(_published.Config(_published.Output), _published.Work.Combine("cache"), image =>
            BuildOutputs.WriteSboms(image, sboms, "example.com/depsapp:1", null, [SbomFormat.Spdx, SbomFormat.CycloneDx]));
        string spdxFile = Path.Combine(sboms, "sbom-x86_64.spdx.json");
        string cdxFile = Path.Combine(sboms, "sbom-x86_64.cdx.json");
        AssertValid(SpdxSchema.Instance, spdxFile);
        AssertValid(CycloneDxSchema.Instance, cdxFile);

        // What the publish itself wrote: every `package` library, its sha512 and what it depends on.
        JsonNode deps = JsonNode.Parse(File.ReadAllText(Path.Combine(_published.Output, "DepsApp.deps.json")))!;
        var expected = deps["libraries"]!.AsObject().Where(l => (string?)l.Value!["type"] == "package").Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
        // YamlDotNet, JsonSchema.Net and what it brings (JsonPointer.Net, which brings more).
        foreach (string id in new[] { "YamlDotNet/", "JsonSchema.Net/", "JsonPointer.Net/" })
        {
            Assert.Contains(expected, k => k.StartsWith(id, StringComparison.Ordinal));
        }
        Assert.True(expected.Count >= 4, string.Join(", ", expected));

        JsonNode spdx = JsonNode.Parse(File.ReadAllText(spdxFile))!;
        var nuget = spdx["packages"]!.AsArray()
            .Where(p => ((string?)p!["externalRefs"]?[0]?["referenceLocator"])?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true)
            .ToDictionary(p => $"{p!["name"]}/{p["versionInfo"]}");
        Assert.Equal(expected, nuget.Keys.Order(StringComparer.Ordinal));
        foreach (string key in expected)
        {
            string[] parts = key.Split('/');
            JsonNode package = nuget[key]!;
            Assert.Equal($"pkg:nuget/{parts[0]}@{parts[1]}", (string?)package["externalRefs"]![0]!["referenceLocator"]);
            // The checksum is NuGet's content hash: what the cache recorded when it took the package.
            JsonNode metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(Published.PackagesFolder, parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), ".nupkg.metadata")))!;
            Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String((string)metadata["contentHash"]!)), (string?)package["checksums"]![0]!["checksumValue"]);
        }
        string app = (string)spdx["packages"]!.AsArray().Single(p => (string?)p!["name"] == "depsapp")!["SPDXID"]!;
        var relationships = spdx["relationships"]!.AsArray().Select(r => ((string)r!["spdxElementId"]!, (string)r["relationshipType"]!, (string)r["relatedSpdxElement"]!)).ToHashSet();
        Assert.Contains((app, "DEPENDS_ON", (string)nuget.Single(n => n.Key.StartsWith("JsonSchema.Net/", StringComparison.Ordinal)).Value!["SPDXID"]!), relationships);
        Assert.Contains(((string)nuget.Single(n => n.Key.StartsWith("JsonSchema.Net/", StringComparison.Ordinal)).Value!["SPDXID"]!, "DEPENDS_ON",
            (string)nuget.Single(n => n.Key.StartsWith("JsonPointer.Net/", StringComparison.Ordinal)).Value!["SPDXID"]!), relationships);
        Assert.DoesNotContain((app, "DEPENDS_ON", (string)nuget.Single(n => n.Key.StartsWith("JsonPointer.Net/", StringComparison.Ordinal)).Value!["SPDXID"]!), relationships);

        JsonNode cdx = JsonNode.Parse(File.ReadAllText(cdxFile))!;
        var cdxNuget = cdx["components"]!.AsArray().Select(c => (string?)c!["purl"]).Where(p => p?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true).Order(StringComparer.Ordinal);
        Assert.Equal(nuget.Values.Select(p => (string?)p!["externalRefs"]![0]!["referenceLocator"]).Order(StringComparer.Ordinal), cdxNuget);
    }

    [Fact]
    public async Task A_malformed_deps_file_fails_the_build_naming_it()
    {
        string content = _published.Work.Combine("broken");
        Directory.CreateDirectory(content);
        File.WriteAllText(Path.Combine(content, "Broken.deps.json"), """{"libraries":{"Evil/1.0":{"type":"package","sha512":"sha512-nope"}}}""");

        var (error, _) = await HostileBuild.FailAsync(_published.Config(content), _published.Work.Combine("cache-broken"));

        Assert.Equal(ErrorKind.Build, error.Kind);
        Assert.Contains("/app/Broken.deps.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'depsapp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("`sha512`", error.Message, StringComparison.Ordinal);
    }
}
