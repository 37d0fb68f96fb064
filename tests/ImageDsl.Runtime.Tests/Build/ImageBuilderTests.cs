using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;
using Json.Schema;

namespace ImageDsl.Tests.Build;

public class ImageBuilderTests
{
    private static ImageConfiguration CliRepoConfig(params string[] packages) => ConfigurationLoader.Parse($"""
        contents:
          repositories: [{Fixtures.Shared("apko-cli-repo")}]
          keyring: [{Fixtures.Shared("apko-cli-repo", "melange.rsa.pub")}]
          packages: [{string.Join(", ", packages)}]
        entrypoint:
          command: /bin/sh -l
        archs: [amd64, arm64]
        annotations:
          org.opencontainers.image.title: Title
          org.opencontainers.image.vendor: Vendor
        """).Configuration;

    private static BuildRequest Request(ImageConfiguration config, TempDirectory temp) => new()
    {
        Configuration = config,
        Repository = new RepositoryClientOptions { CacheDirectory = temp.Combine("cache") },
        TemporaryDirectory = temp.Combine("build"),
    };

    [Fact]
    public async Task Two_arch_build_has_both_platforms_and_schema_valid_sboms_listing_every_package()
    {
        using var temp = new TempDirectory();
        using BuiltImage image = await ImageBuilder.BuildAsync(Request(CliRepoConfig("replayout"), temp));

        Assert.Equal(["amd64", "arm64"], image.Index.Images.Select(i => i.Architecture.Name));
        IReadOnlyList<string> files = BuildOutputs.WriteSboms(image, temp.Combine("sbom"), "golden:latest", null);
        Assert.Equal(["sbom-aarch64.spdx.json", "sbom-index.spdx.json", "sbom-x86_64.spdx.json"], files.Select(Path.GetFileName).Order());
        foreach (string file in files)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
            EvaluationResults results = ImageDsl.Tests.Sbom.SpdxSchema.Instance.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(results.IsValid, $"{file} is not valid SPDX 2.3");
        }
        string amd64 = File.ReadAllText(temp.Combine("sbom", "sbom-x86_64.spdx.json"));
        Assert.Contains("pkg:apk/", amd64);
        Assert.Contains("\"replayout\"", amd64);
        Assert.Contains("\"pretend-baselayout\"", amd64); // a dependency without an embedded SBOM is listed too
    }

    [Fact]
    public async Task Created_is_the_newest_package_build_date_unless_source_date_epoch_is_set()
    {
        using var temp = new TempDirectory();
        ImageConfiguration config = CliRepoConfig("replayout");
        using (BuiltImage image = await ImageBuilder.BuildAsync(Request(config, temp)))
        {
            Assert.Equal(DateTimeOffset.UnixEpoch, image.Created); // apko's fixture packages have builddate 0
        }
        using BuiltImage pinned = await ImageBuilder.BuildAsync(Request(config, temp) with { SourceDateEpoch = SourceDateEpoch.Parse("1700000000") });
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), pinned.Created);
        Assert.Equal("2023-11-14T22:13:20Z", pinned.Index.Annotations["org.opencontainers.image.created"]);
    }

    [Fact]
    public async Task Builds_are_identical_across_temp_dirs_and_caches()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        ImageConfiguration config = CliRepoConfig("replayout");
        using BuiltImage first = await ImageBuilder.BuildAsync(Request(config, a));
        using BuiltImage second = await ImageBuilder.BuildAsync(Request(config, b));
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public async Task An_unknown_package_fails_with_a_resolution_error_naming_it()
    {
        using var temp = new TempDirectory();
        var error = await Assert.ThrowsAnyAsync<ImageDslException>(() => ImageBuilder.BuildAsync(Request(CliRepoConfig("nothing-such"), temp)));
        Assert.Equal(ErrorKind.Resolution, error.Kind);
        Assert.Contains("nothing-such", error.Message);
    }

    [Fact]
    public async Task A_package_that_does_not_match_its_index_checksum_is_refused_naming_it()
    {
        using var temp = new TempDirectory();
        string repo = temp.Combine("repo");
        foreach (string arch in new[] { "x86_64", "aarch64" })
        {
            Directory.CreateDirectory(Path.Combine(repo, arch));
            foreach (string file in Directory.GetFiles(Fixtures.Shared("apko-cli-repo", arch)))
            {
                File.Copy(file, Path.Combine(repo, arch, Path.GetFileName(file)));
            }
        }
        // Serve replayout's bytes under pretend-baselayout's name: the index checksum no longer matches.
        File.Copy(Path.Combine(repo, "x86_64", "replayout-1.0.0-r0.apk"), Path.Combine(repo, "x86_64", "pretend-baselayout-1.0.0-r0.apk"), overwrite: true);
        ImageConfiguration config = CliRepoConfig("replayout") with
        {
            Contents = CliRepoConfig("replayout").Contents with { Repositories = [repo] },
        };
        var error = await Assert.ThrowsAnyAsync<ImageDslException>(() => ImageBuilder.BuildAsync(Request(config, temp)));
        Assert.Equal(ErrorKind.Integrity, error.Kind);
        Assert.Contains("pretend-baselayout", error.Message);
    }
}
