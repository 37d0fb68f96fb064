using System.Text.Json.Nodes;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Build;

/// <summary>
/// `contents.baseimage`: a base image made by our own build, an image built on top of it, and the
/// real OCI tools to check that the base's layers are untouched, its packages are not installed twice,
/// the apk database is merged and the base's config is inherited.
/// </summary>
public sealed class BaseImageBuildTests : IClassFixture<BaseImageBuildTests.Built>
{
    private readonly Built _built;

    public BaseImageBuildTests(Built built) => _built = built;

    /// <summary>The base (busybox, a user, env, work-dir, cmd) and the image on top (a `hello` package, one more variable).</summary>
    public sealed class Built : IDisposable
    {
        public Built()
        {
            TestRepository repo = TestRepositories.CreateBusyboxRepository(Work.Combine("repo"), "x86_64");
            AddHelloPackage(repo);
            string contents = $"  repositories: [{repo.Root}]\n  keyring: [{repo.PublicKeyPath}]\n";
            string baseConfig = Work.Combine("base.yaml");
            File.WriteAllText(baseConfig, "contents:\n" + contents + """
                  packages: [busybox]
                accounts:
                  users:
                    - username: app
                      uid: 1000
                  run-as: app
                environment:
                  BASEVAR: from-base
                work-dir: /home/app
                cmd: /bin/sh -c 'cat /usr/share/hello/greeting; id -u; pwd; echo $BASEVAR $TOPVAR'
                annotations:
                  org.example.base: yes
                archs: [amd64]
                """);
            BaseLayout = Work.Combine("base-layout");
            Directory.CreateDirectory(BaseLayout); // an existing folder: build writes a layout, not a tar
            BaseRun = CliRun.Run("build", baseConfig, "test/base:v1", BaseLayout, "--sbom=false").GetAwaiter().GetResult();

            TopConfig = Work.Combine("top.yaml");
            File.WriteAllText(TopConfig, "contents:\n" + contents + $"  baseimage:\n    image: {BaseLayout}\n" + """
                  packages: [hello]
                environment:
                  TOPVAR: from-top
                archs: [amd64]
                """);
            TopLayout = Work.Combine("top-layout");
            Directory.CreateDirectory(TopLayout);
            TopRun = CliRun.Run("build", TopConfig, "test/top:v1", TopLayout, "--sbom-path", Work.Combine("sbom")).GetAwaiter().GetResult();
        }

        public TempDirectory Work { get; } = new("imagedsl-baseimage");
        public string BaseLayout { get; }
        public string TopLayout { get; }
        public string TopConfig { get; }
        public (int Exit, string Out, string Err) BaseRun { get; }
        public (int Exit, string Out, string Err) TopRun { get; }

        /// <summary>`hello` needs busybox (which the base has) and ships one file.</summary>
        internal static void AddHelloPackage(TestRepository repo)
        {
            using ApkPrivateKey key = ApkPrivateKey.FromFile(repo.PrivateKeyPath);
            string archDir = Path.Combine(repo.Root, repo.Arch);
            ApkPackageWriter.WriteFile(Path.Combine(archDir, "hello-1.0.0-r0.apk"), new PackageInfo
            {
                Name = "hello",
                Version = "1.0.0-r0",
                Arch = repo.Arch,
                Description = "greets",
                License = "MIT",
                Origin = "hello",
                BuildDate = 1700000000,
                Depends = ["busybox"],
            }, [PackEntry.File("usr/share/hello/greeting", "hello from the top layer\n"u8.ToArray())], key);
            ApkIndexWriter.WriteFile(repo.IndexPath, ApkIndexWriter.ScanDirectory(archDir, repo.Arch), "test", key);
        }

        public void Dispose() => Work.Dispose();
    }

    private static ProcessResult Tool(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    private void BuildsSucceeded()
    {
        Assert.True(_built.BaseRun.Exit == 0, _built.BaseRun.Err);
        Assert.True(_built.TopRun.Exit == 0, _built.TopRun.Err);
    }

    [Fact]
    public void The_base_layers_are_kept_byte_for_byte_under_one_new_layer()
    {
        BuildsSucceeded();
        JsonNode baseImage = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "oci:" + _built.BaseLayout + ":v1").StandardOutput)!;
        JsonNode top = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "oci:" + _built.TopLayout + ":v1").StandardOutput)!;
        string[] baseLayers = baseImage["Layers"]!.AsArray().Select(l => (string)l!).ToArray();
        string[] topLayers = top["Layers"]!.AsArray().Select(l => (string)l!).ToArray();
        Assert.Equal(baseLayers.Length + 1, topLayers.Length);
        Assert.Equal(baseLayers, topLayers[..baseLayers.Length]);
        foreach (string digest in baseLayers)
        {
            string hex = digest["sha256:".Length..];
            Assert.Equal(File.ReadAllBytes(Path.Combine(_built.BaseLayout, "blobs", "sha256", hex)),
                File.ReadAllBytes(Path.Combine(_built.TopLayout, "blobs", "sha256", hex)));
        }
        Tool("oci-image-tool", "oci-image-tool", "validate", "--type", "image", _built.TopLayout);

        // The new layer does not carry the base's busybox again.
        string newLayer = Path.Combine(_built.TopLayout, "blobs", "sha256", topLayers[^1]["sha256:".Length..]);
        string listing = Tool("tar", "tar", "-tzf", newLayer).StandardOutput;
        Assert.Contains("usr/share/hello/greeting", listing);
        Assert.DoesNotContain("bin/busybox", listing);
    }

    [Fact]
    public void The_apk_database_and_world_list_the_base_packages_once_and_ours()
    {
        BuildsSucceeded();
        string bundle = _built.Work.Combine("bundle-db");
        Tool("umoci", "umoci", "unpack", "--image", _built.TopLayout + ":v1", bundle);
        string root = Path.Combine(bundle, "rootfs");
        string installed = File.ReadAllText(Path.Combine(root, "usr/lib/apk/db/installed"));
        Assert.Equal(1, installed.Split('\n').Count(l => l == "P:busybox"));
        Assert.Equal(1, installed.Split('\n').Count(l => l == "P:hello"));
        Assert.Contains("\n\nP:hello\n", installed); // records stay separated by a blank line
        string[] world = File.ReadAllLines(Path.Combine(root, "etc/apk/world"));
        Assert.Contains(world, w => w.StartsWith("busybox=", StringComparison.Ordinal));
        Assert.Contains("hello=1.0.0-r0", world);
        Assert.True(File.Exists(Path.Combine(root, "bin/busybox")));
        Assert.Contains("app:x:1000:", File.ReadAllText(Path.Combine(root, "etc/passwd")));

        string sbom = File.ReadAllText(_built.Work.Combine("sbom", "sbom-x86_64.spdx.json"));
        Assert.Contains("\"name\": \"busybox\"", sbom.Replace("\":\"", "\": \""));
        Assert.Contains("\"name\": \"hello\"", sbom.Replace("\":\"", "\": \""));
    }

    [Fact]
    public void The_base_config_is_inherited_and_the_image_runs_with_it()
    {
        BuildsSucceeded();
        JsonNode config = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--config", "oci:" + _built.TopLayout + ":v1").StandardOutput)!;
        JsonNode runtime = config["config"]!;
        string[] env = runtime["Env"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Contains("BASEVAR=from-base", env);
        Assert.Contains("TOPVAR=from-top", env);
        Assert.Equal("1000", (string?)runtime["User"]);
        Assert.Equal("/home/app", (string?)runtime["WorkingDir"]);
        Assert.Equal("yes", (string?)runtime["Labels"]!["org.example.base"]);
        Assert.Equal(2, config["history"]!.AsArray().Count);

        string bundle = _built.Work.Combine("bundle-run");
        Tool("umoci", "umoci", "unpack", "--image", _built.TopLayout + ":v1", bundle);
        string configPath = Path.Combine(bundle, "config.json");
        JsonNode spec = JsonNode.Parse(File.ReadAllText(configPath))!;
        spec["process"]!["terminal"] = false;
        File.WriteAllText(configPath, spec.ToJsonString());
        ProcessResult run = Tool("runc", "runc", "run", "--bundle", bundle, "imagedsl-base-" + Guid.NewGuid().ToString("N")[..10]);
        Assert.Equal("hello from the top layer\n1000\n/home/app\nfrom-base from-top\n", run.StandardOutput);
    }

    [Fact]
    public async Task Show_packages_lists_the_base_packages_with_ours()
    {
        BuildsSucceeded();
        var shown = await CliRun.Run("show-packages", _built.TopConfig, "--arch", "amd64");
        Assert.True(shown.Exit == 0, shown.Err);
        Assert.Contains("busybox ", shown.Out);
        Assert.Contains("hello 1.0.0-r0", shown.Out);
    }

    [Fact]
    public async Task A_lock_pins_only_what_the_build_installs_and_a_locked_build_gives_the_same_image()
    {
        BuildsSucceeded();
        string lockPath = _built.Work.Combine("top.lock.json");
        var locked = await CliRun.Run("lock", _built.TopConfig, "--output", lockPath);
        Assert.True(locked.Exit == 0, locked.Err);
        JsonNode lockFile = JsonNode.Parse(File.ReadAllText(lockPath))!;
        Assert.Equal(["hello"], lockFile["contents"]!["packages"]!.AsArray().Select(p => (string)p!["name"]!));

        string layout = _built.Work.Combine("locked-layout");
        Directory.CreateDirectory(layout);
        var top = await CliRun.Run("build", _built.TopConfig, "test/top:v1", layout, "--sbom=false", "--lockfile", lockPath);
        Assert.True(top.Exit == 0, top.Err);
        Assert.Equal(_built.TopRun.Out, top.Out); // the same index digest as the unlocked build
    }

    private async Task<(int Exit, string Out, string Err, string Layout)> BuildTop(string extraYaml, string baseLayout, params string[] args)
    {
        string config = _built.Work.Combine($"top-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, File.ReadAllText(_built.TopConfig).Replace(_built.BaseLayout, baseLayout, StringComparison.Ordinal) + "\n" + extraYaml);
        string layout = _built.Work.Combine($"layout-{Guid.NewGuid():N}");
        Directory.CreateDirectory(layout);
        var (exit, stdout, stderr) = await CliRun.Run(["build", config, "test/top:v1", layout, "--sbom=false", .. args]);
        return (exit, stdout, stderr, layout);
    }

    [Fact]
    public async Task The_configuration_overrides_the_base_entrypoint_and_work_dir_and_the_base_cmd_is_dropped()
    {
        BuildsSucceeded();
        var top = await BuildTop("entrypoint:\n  command: /bin/cat /usr/share/hello/greeting\nwork-dir: /tmp\n", _built.BaseLayout);
        Assert.True(top.Exit == 0, top.Err);
        JsonNode runtime = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--config", "oci:" + top.Layout + ":v1").StandardOutput)!["config"]!;
        Assert.Equal(["/bin/cat", "/usr/share/hello/greeting"], runtime["Entrypoint"]!.AsArray().Select(e => (string)e!));
        Assert.Null(runtime["Cmd"]); // the base's cmd was arguments for the base's program
        Assert.Equal("/tmp", (string?)runtime["WorkingDir"]);
        Assert.Equal("1000", (string?)runtime["User"]);
    }

    [Fact]
    public async Task Apkos_apkindex_folder_gives_the_same_image_as_reading_the_database_from_the_layers()
    {
        BuildsSucceeded();
        string bundle = _built.Work.Combine("bundle-apkindex");
        Tool("umoci", "umoci", "unpack", "--image", _built.BaseLayout + ":v1", bundle);
        string apkindex = _built.Work.Combine("apkindex");
        Directory.CreateDirectory(Path.Combine(apkindex, "x86_64"));
        File.Copy(Path.Combine(bundle, "rootfs", "usr/lib/apk/db/installed"), Path.Combine(apkindex, "x86_64", "APKINDEX"));

        var withIndex = await BuildTop("", _built.BaseLayout + "\n    apkindex: " + apkindex);
        Assert.True(withIndex.Exit == 0, withIndex.Err);
        Assert.Equal(_built.TopRun.Out, withIndex.Out); // the same index digest
    }

    [Fact]
    public async Task A_tampered_base_layer_stops_the_build_with_an_integrity_error()
    {
        BuildsSucceeded();
        string copy = _built.Work.Combine($"tampered-{Guid.NewGuid():N}");
        Tool("cp", "coreutils", "-r", _built.BaseLayout, copy);
        JsonNode manifest = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--raw", "oci:" + copy + ":v1").StandardOutput)!;
        string layer = Path.Combine(copy, "blobs", "sha256", ((string)manifest["layers"]![0]!["digest"]!)["sha256:".Length..]);
        byte[] bytes = File.ReadAllBytes(layer);
        bytes[^10] ^= 0x55;
        File.WriteAllBytes(layer, bytes);

        var top = await BuildTop("", copy);
        Assert.Equal(5, top.Exit);
        Assert.True(top.Err.Contains("does not match its digest", StringComparison.Ordinal), top.Err);
    }

    [Fact]
    public async Task An_architecture_the_base_lacks_is_a_usage_error()
    {
        BuildsSucceeded();
        var top = await BuildTop("", _built.BaseLayout, "--arch", "arm64");
        Assert.Equal(2, top.Exit);
        Assert.Contains("has no image for arm64 (it has: amd64)", top.Err);
    }

    [Theory]
    [InlineData("cgr.dev/chainguard/static:latest", "looks like a registry reference")]
    [InlineData("/nonexistent/base-layout", "does not exist")]
    public async Task An_unsupported_base_image_source_is_a_usage_error_that_writes_nothing(string image, string message)
    {
        BuildsSucceeded();
        string config = _built.Work.Combine($"bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, File.ReadAllText(_built.TopConfig).Replace(_built.BaseLayout, image, StringComparison.Ordinal));
        string output = _built.Work.Combine($"out-{Guid.NewGuid():N}");
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/bad:v1", output, "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.Contains("skopeo copy", stderr);
        Assert.False(Directory.Exists(output));
    }
}
