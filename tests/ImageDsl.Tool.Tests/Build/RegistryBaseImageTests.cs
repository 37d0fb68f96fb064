using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>
/// `contents.baseimage.ref`: a two-architecture base made by our own build and published to the real
/// loopback docker-registry, and an image built on top of it by reference: the base's amd64 manifest is
/// picked from its index, its layers are kept byte for byte, its packages are installed once, its config
/// is inherited, and the lock file pins the digest.
/// </summary>
public sealed class RegistryBaseImageTests : IClassFixture<RegistryBaseImageTests.Published>
{
    private readonly Published _published;

    public RegistryBaseImageTests(Published published) => _published = published;

    /// <summary>The base pushed as `test/base:1` and the image built on it.</summary>
    public sealed class Published : IDisposable
    {
        public Published()
        {
            Setup = RegistryBaseSetup.Start();
            Reference = $"{Setup.Registry.Host}/test/base:1";
            BasePush = CliRun.Run("publish", Setup.WriteBase(), Reference, "--cache-dir", Setup.Cache, "--sbom=false").GetAwaiter().GetResult();
            TopConfig = Setup.WriteTop(Reference);
            TopLayout = Setup.NewLayout();
            TopRun = CliRun.Run("build", TopConfig, "test/top:v1", TopLayout, "--cache-dir", Setup.Cache, "--sbom-path", Setup.Work.Combine("sbom"))
                .GetAwaiter().GetResult();
        }

        internal RegistryBaseSetup Setup { get; }
        public string Reference { get; }
        public string TopConfig { get; }
        public string TopLayout { get; }
        public (int Exit, string Out, string Err) BasePush { get; }
        public (int Exit, string Out, string Err) TopRun { get; }

        /// <summary>`registry/test/base@sha256:…` of the pushed index.</summary>
        public string BaseDigest => BasePush.Out.Trim().Split('@')[1];

        public void Dispose() => Setup.Dispose();
    }

    private static ProcessResult Tool(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    private void BuildsSucceeded()
    {
        Assert.True(_published.BasePush.Exit == 0, _published.BasePush.Err);
        Assert.True(_published.TopRun.Exit == 0, _published.TopRun.Err);
    }

    private JsonNode Registry(string reference) =>
        JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--tls-verify=false", "--raw", $"docker://{reference}").StandardOutput)!;

    [Fact]
    public void The_amd64_base_layers_from_the_registry_are_kept_byte_for_byte_under_one_new_layer()
    {
        BuildsSucceeded();
        JsonNode index = Registry(_published.Reference);
        JsonNode amd64 = index["manifests"]!.AsArray().Single(m => (string?)m!["platform"]!["architecture"] == "amd64")!;
        JsonNode baseManifest = Registry($"{_published.Setup.Registry.Host}/test/base@{(string)amd64["digest"]!}");
        string[] baseLayers = baseManifest["layers"]!.AsArray().Select(l => (string)l!["digest"]!).ToArray();

        JsonNode top = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "oci:" + _published.TopLayout + ":v1").StandardOutput)!;
        string[] topLayers = top["Layers"]!.AsArray().Select(l => (string)l!).ToArray();
        Assert.Equal(baseLayers.Length + 1, topLayers.Length);
        Assert.Equal(baseLayers, topLayers[..baseLayers.Length]);
        // The same digests, and the files really have them: the bytes are the base's.
        Tool("oci-image-tool", "oci-image-tool", "validate", "--type", "image", _published.TopLayout);
        foreach (string digest in baseLayers)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(_published.TopLayout, "blobs", "sha256", digest["sha256:".Length..]));
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }

        string newLayer = Path.Combine(_published.TopLayout, "blobs", "sha256", topLayers[^1]["sha256:".Length..]);
        string listing = Tool("tar", "tar", "-tzf", newLayer).StandardOutput;
        Assert.Contains("usr/share/hello/greeting", listing);
        Assert.DoesNotContain("bin/busybox", listing);
    }

    [Fact]
    public void The_package_list_has_the_base_packages_once_and_ours_and_the_config_is_inherited()
    {
        BuildsSucceeded();
        string bundle = _published.Setup.Work.Combine("bundle");
        Tool("umoci", "umoci", "unpack", "--rootless", "--image", _published.TopLayout + ":v1", bundle);
        string installed = File.ReadAllText(Path.Combine(bundle, "rootfs", "usr/lib/apk/db/installed"));
        Assert.Equal(1, installed.Split('\n').Count(l => l == "P:busybox"));
        Assert.Equal(1, installed.Split('\n').Count(l => l == "P:hello"));

        string sbom = File.ReadAllText(_published.Setup.Work.Combine("sbom", "sbom-x86_64.spdx.json")).Replace("\":\"", "\": \"");
        Assert.Contains("\"name\": \"busybox\"", sbom);
        Assert.Contains("\"name\": \"hello\"", sbom);

        JsonNode config = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--config", "oci:" + _published.TopLayout + ":v1").StandardOutput)!;
        JsonNode runtime = config["config"]!;
        string[] env = runtime["Env"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Contains("BASEVAR=from-base", env);
        Assert.Contains("TOPVAR=from-top", env);
        Assert.Equal("1000", (string?)runtime["User"]);
        Assert.Equal("/home/app", (string?)runtime["WorkingDir"]);
        Assert.Equal("yes", (string?)runtime["Labels"]!["org.example.base"]);
        Assert.Equal("amd64", (string?)config["architecture"]);
    }

    [Fact]
    public async Task The_lock_pins_the_base_digest_and_a_locked_build_gives_the_same_image()
    {
        BuildsSucceeded();
        string lockPath = _published.Setup.Work.Combine("top.lock.json");
        var locked = await CliRun.Run("lock", _published.TopConfig, "--output", lockPath, "--cache-dir", _published.Setup.Cache);
        Assert.True(locked.Exit == 0, locked.Err);
        JsonNode lockFile = JsonNode.Parse(File.ReadAllText(lockPath))!;
        Assert.Equal(_published.Reference, (string?)lockFile["contents"]!["baseimage"]!["ref"]);
        Assert.Equal(_published.BaseDigest, (string?)lockFile["contents"]!["baseimage"]!["digest"]);
        Assert.Equal(["hello"], lockFile["contents"]!["packages"]!.AsArray().Select(p => (string)p!["name"]!));

        var top = await CliRun.Run("build", _published.TopConfig, "test/top:v1", _published.Setup.NewLayout(), "--sbom=false",
            "--lockfile", lockPath, "--cache-dir", _published.Setup.Cache);
        Assert.True(top.Exit == 0, top.Err);
        Assert.Equal(_published.TopRun.Out, top.Out); // the same index digest as the unlocked build
    }

    [Fact]
    public async Task Show_packages_lists_the_registry_base_packages_with_ours()
    {
        BuildsSucceeded();
        var shown = await CliRun.Run("show-packages", _published.TopConfig, "--arch", "amd64", "--cache-dir", _published.Setup.Cache);
        Assert.True(shown.Exit == 0, shown.Err);
        Assert.Contains("busybox ", shown.Out);
        Assert.Contains("hello 1.0.0-r0", shown.Out);
    }

    /// <summary>
    /// Every command that resolves on a registry base image takes `--insecure-registry` as `build` does (a CI
    /// script pulling from a plain-HTTP registry passes it to all of them); naming the registry changes nothing
    /// for a loopback one, which may always use plain HTTP.
    /// </summary>
    [Theory]
    [InlineData("show-packages", "--arch", "amd64")]
    [InlineData("dot", "--arch", "amd64")]
    [InlineData("explain", "hello", "--arch", "amd64")]
    [InlineData("lock", "--output")]
    public async Task Resolving_commands_take_insecure_registry_as_build_does(string command, params string[] rest)
    {
        BuildsSucceeded();
        string host = _published.Reference.Split('/')[0];
        string[] tail = command == "lock" ? [_published.Setup.Work.Combine($"insecure-{Guid.NewGuid():N}.lock.json")] : [];
        string[] common = [command, _published.TopConfig, .. rest, .. tail, "--cache-dir", _published.Setup.Cache];
        var plain = await CliRun.Run(common);
        var named = await CliRun.Run([.. common, "--insecure-registry", host]);
        Assert.True(plain.Exit == 0, plain.Err);
        Assert.True(named.Exit == 0, named.Err);
        Assert.Equal(plain.Out, named.Out);
        if (command == "lock")
        {
            Assert.Contains("pinned to " + _published.BaseDigest, named.Err);
        }
    }

    [Fact]
    public async Task A_cold_cache_gives_the_same_image_as_a_warm_one()
    {
        BuildsSucceeded();
        var fresh = await CliRun.Run("build", _published.TopConfig, "test/top:v1", _published.Setup.NewLayout(), "--sbom=false",
            "--cache-dir", _published.Setup.Work.Combine($"cache-{Guid.NewGuid():N}"));
        Assert.True(fresh.Exit == 0, fresh.Err);
        Assert.Equal(_published.TopRun.Out, fresh.Out);
    }

    [Fact]
    public async Task The_base_by_digest_gives_the_same_image_as_by_tag()
    {
        BuildsSucceeded();
        string config = _published.Setup.WriteTop($"{_published.Setup.Registry.Host}/test/base@{_published.BaseDigest}", $"top-{Guid.NewGuid():N}.yaml");
        var byDigest = await CliRun.Run("build", config, "test/top:v1", _published.Setup.NewLayout(), "--sbom=false", "--cache-dir", _published.Setup.Cache);
        Assert.True(byDigest.Exit == 0, byDigest.Err);
        Assert.Equal(_published.TopRun.Out, byDigest.Out);
    }

    [Fact]
    public async Task An_architecture_the_base_lacks_and_a_missing_tag_are_usage_errors()
    {
        BuildsSucceeded();
        var arch = await CliRun.Run("build", _published.TopConfig, "test/top:v1", _published.Setup.NewLayout(), "--sbom=false",
            "--cache-dir", _published.Setup.Cache, "--arch", "riscv64");
        Assert.Equal(2, arch.Exit);
        Assert.Contains("has no image for riscv64 (it has: linux/amd64, linux/arm64)", arch.Err);

        string missing = _published.Setup.WriteTop($"{_published.Setup.Registry.Host}/test/base:nope", $"top-{Guid.NewGuid():N}.yaml");
        string output = _published.Setup.Work.Combine($"out-{Guid.NewGuid():N}");
        var tag = await CliRun.Run("build", missing, "test/top:v1", output, "--sbom=false", "--cache-dir", _published.Setup.Cache);
        Assert.Equal(2, tag.Exit);
        Assert.Contains("has no manifest nope", tag.Err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_single_platform_base_is_used_as_it_is_and_refused_for_another_architecture()
    {
        BuildsSucceeded();
        string single = $"{_published.Setup.Registry.Host}/test/single:1";
        string baseConfig = _published.Setup.WriteBase();
        File.WriteAllText(baseConfig, File.ReadAllText(baseConfig).Replace("archs: [amd64, arm64]", "archs: [amd64]", StringComparison.Ordinal));
        var pushed = await CliRun.Run("publish", baseConfig, single, "--cache-dir", _published.Setup.Cache, "--sbom=false");
        Assert.True(pushed.Exit == 0, pushed.Err);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", (string?)Registry(single)["mediaType"]);

        string config = _published.Setup.WriteTop(single, $"top-{Guid.NewGuid():N}.yaml");
        string layout = _published.Setup.NewLayout();
        var top = await CliRun.Run("build", config, "test/top:v1", layout, "--sbom=false", "--cache-dir", _published.Setup.Cache);
        Assert.True(top.Exit == 0, top.Err);
        string[] baseLayers = Registry(single)["layers"]!.AsArray().Select(l => (string)l!["digest"]!).ToArray();
        string[] topLayers = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "oci:" + layout + ":v1").StandardOutput)!["Layers"]!.AsArray().Select(l => (string)l!).ToArray();
        Assert.Equal(baseLayers, topLayers[..^1]);

        var arm = await CliRun.Run("build", config, "test/top:v1", _published.Setup.NewLayout(), "--sbom=false", "--cache-dir", _published.Setup.Cache, "--arch", "arm64");
        Assert.Equal(2, arm.Exit);
        Assert.Contains($"the base image {single} has no image for arm64", arm.Err);
    }

    [Theory]
    [InlineData("ref: http://127.0.0.1:5000/base:1", "is not an image reference")]
    [InlineData("ref: 127.0.0.1:5000/Base:1", "must be lowercase")]
    [InlineData("image: /some/layout\n    ref: 127.0.0.1:5000/base:1", "has both 'image'")]
    public async Task A_malformed_or_ambiguous_base_declaration_is_a_usage_error(string baseYaml, string message)
    {
        BuildsSucceeded();
        string config = _published.Setup.Work.Combine($"bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, File.ReadAllText(_published.TopConfig).Replace("ref: " + _published.Reference, baseYaml, StringComparison.Ordinal));
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/bad:v1", _published.Setup.Work.Combine($"out-{Guid.NewGuid():N}"), "--sbom=false",
            "--cache-dir", _published.Setup.Cache);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task A_registry_reference_in_apkos_image_field_says_to_use_ref()
    {
        BuildsSucceeded();
        string config = _published.Setup.Work.Combine($"image-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, File.ReadAllText(_published.TopConfig).Replace("ref: ", "image: ", StringComparison.Ordinal));
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/bad:v1", _published.Setup.Work.Combine($"out-{Guid.NewGuid():N}"), "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains("looks like a registry reference", stderr);
        Assert.Contains($"write `ref: {_published.Reference}`", stderr);
    }
}
