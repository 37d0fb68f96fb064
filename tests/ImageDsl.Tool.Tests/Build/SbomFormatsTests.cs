using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>`--sbom-formats` through the command line, as apko takes it (a comma list).</summary>
public class SbomFormatsTests
{
    private static string Config(TempDirectory work)
    {
        string config = ReplayoutConfig.Write(work, "archs: [x86_64, aarch64]\n");
        return config;
    }

    [Fact]
    public async Task Spdx_and_cyclonedx_are_written_for_every_arch_and_the_index()
    {
        using var work = new TempDirectory();
        string sboms = work.Combine("sboms");
        var result = await CliRun.Run("build", Config(work), "example.com/app:1", work.Combine("image.tar"),
            "--sbom-formats", "spdx,cyclonedx", "--sbom-path", sboms, "--cache-dir", work.Combine("cache"));
        Assert.True(result.Exit == 0, result.Err);

        Assert.Equal(
            ["sbom-aarch64.cdx.json", "sbom-aarch64.spdx.json", "sbom-index.cdx.json", "sbom-index.spdx.json", "sbom-x86_64.cdx.json", "sbom-x86_64.spdx.json"],
            Directory.GetFiles(sboms).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        JsonNode cdx = JsonNode.Parse(File.ReadAllText(Path.Combine(sboms, "sbom-x86_64.cdx.json")))!;
        JsonNode spdx = JsonNode.Parse(File.ReadAllText(Path.Combine(sboms, "sbom-x86_64.spdx.json")))!;
        // The two formats list the same apk packages.
        var fromCdx = cdx["components"]!.AsArray().Where(c => (string?)c!["type"] == "library").Select(c => $"{c!["name"]}@{c["version"]}").Order().ToArray();
        var fromSpdx = spdx["packages"]!.AsArray()
            .Where(p => (p!["externalRefs"]?.AsArray() ?? []).Any(r => ((string?)r!["referenceLocator"])?.StartsWith("pkg:apk/", StringComparison.Ordinal) == true))
            .Select(p => $"{p!["name"]}@{p["versionInfo"]}").Order().ToArray();
        Assert.Equal(["pretend-baselayout@1.0.0-r0", "replayout@1.0.0-r0"], fromCdx);
        Assert.Equal(fromCdx, fromSpdx);
    }

    [Fact]
    public async Task An_unknown_format_is_refused_before_anything_is_built()
    {
        using var work = new TempDirectory();
        var result = await CliRun.Run("build", Config(work), "example.com/app:1", work.Combine("image.tar"),
            "--sbom-formats", "spdx,idb", "--sbom-path", work.Combine("sboms"), "--cache-dir", work.Combine("cache"));
        Assert.Equal(2, result.Exit);
        Assert.Contains("--sbom-formats: 'idb' is not an SBOM format", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(work.Combine("image.tar")));
        Assert.False(Directory.Exists(work.Combine("cache")));
    }
}
