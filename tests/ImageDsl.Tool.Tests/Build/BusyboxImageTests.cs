using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>
/// The acceptance path: Debian's static busybox packed as an APK by our own tooling, built
/// into an image by `dotnet image build`, accepted by the real OCI tools, and run.
/// </summary>
public sealed class BusyboxImageTests : IClassFixture<BusyboxImageTests.BuiltBusybox>
{
    private readonly BuiltBusybox _image;

    public BusyboxImageTests(BuiltBusybox image) => _image = image;

    /// <summary>One build of the image, shared by the tests (layout and tar from the same config).</summary>
    public sealed class BuiltBusybox : IDisposable
    {
        public BuiltBusybox()
        {
            TestRepository repo = TestRepositories.CreateBusyboxRepository(Work.Combine("repo"), "x86_64");
            Config = Work.Combine("busybox.yaml");
            File.WriteAllText(Config, $"""
                contents:
                  repositories: [{repo.Root}]
                  keyring: [{repo.PublicKeyPath}]
                  packages: [busybox]
                accounts:
                  users:
                    - username: app
                      uid: 1000
                  run-as: app
                environment:
                  VAR: hello-from-config
                work-dir: /home/app
                cmd: /bin/sh -c 'echo ok; id -u; pwd; echo $VAR'
                archs: [amd64]
                """);
            Layout = Work.Combine("layout");
            Directory.CreateDirectory(Layout);
            Tar = Work.Combine("busybox.tar");
            string cache = Work.Combine("cache");
            LayoutRun = CliRun.Run("build", Config, "test/busybox:v1", Layout, "--cache-dir", cache, "--sbom-path", Work.Combine("sbom"),
                "--annotations", "org.example.pipeline:ci-42").GetAwaiter().GetResult();
            TarRun = CliRun.Run("build", Config, "test/busybox:v1", Tar, "--cache-dir", cache, "--sbom=false",
                "--annotations", "org.example.pipeline:ci-42").GetAwaiter().GetResult();
        }

        public TempDirectory Work { get; } = new("imagedsl-busybox");
        public string Config { get; }
        public string Layout { get; }
        public string Tar { get; }
        public (int Exit, string Out, string Err) LayoutRun { get; }
        public (int Exit, string Out, string Err) TarRun { get; }

        public void Dispose() => Work.Dispose();
    }

    private static ProcessResult Tool(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    [Fact]
    public void Build_succeeds_and_prints_the_index_digest()
    {
        Assert.True(_image.LayoutRun.Exit == 0, _image.LayoutRun.Err);
        Assert.True(_image.TarRun.Exit == 0, _image.TarRun.Err);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", _image.LayoutRun.Out);
        Assert.Equal(_image.LayoutRun.Out, _image.TarRun.Out); // same config, same bytes
    }

    [Fact]
    public void Layout_validates_unpacks_and_runs_as_the_config_says()
    {
        Assert.True(_image.LayoutRun.Exit == 0, _image.LayoutRun.Err);
        Tool("oci-image-tool", "oci-image-tool", "validate", "--type", "image", _image.Layout);
        string bundle = _image.Work.Combine("bundle");
        Tool("umoci", "umoci", "unpack", "--image", _image.Layout + ":v1", bundle);

        string configPath = Path.Combine(bundle, "config.json");
        JsonNode spec = JsonNode.Parse(File.ReadAllText(configPath))!;
        spec["process"]!["terminal"] = false;
        File.WriteAllText(configPath, spec.ToJsonString());
        ProcessResult run = Tool("runc", "runc", "run", "--bundle", bundle, "imagedsl-bb-" + Guid.NewGuid().ToString("N")[..10]);
        Assert.Equal("ok\n1000\n/home/app\nhello-from-config\n", run.StandardOutput);
    }

    [Fact]
    public void Tar_is_both_an_oci_archive_and_a_docker_archive()
    {
        Assert.True(_image.TarRun.Exit == 0, _image.TarRun.Err);
        JsonNode oci = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "oci-archive:" + _image.Tar).StandardOutput)!;
        JsonNode docker = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "docker-archive:" + _image.Tar).StandardOutput)!;
        Assert.Equal("amd64", (string?)oci["Architecture"]);
        Assert.Equal("amd64", (string?)docker["Architecture"]);
        Assert.Single(oci["Layers"]!.AsArray());
        Assert.Single(docker["Layers"]!.AsArray()); // docker-archive lists the uncompressed diff_id
    }

    [Fact]
    public void Image_carries_the_apk_database_and_busybox_applet_links()
    {
        Assert.True(_image.LayoutRun.Exit == 0, _image.LayoutRun.Err);
        string bundle = _image.Work.Combine("bundle-db");
        Tool("umoci", "umoci", "unpack", "--image", _image.Layout + ":v1", bundle);
        string root = Path.Combine(bundle, "rootfs");
        Assert.Contains("P:busybox", File.ReadAllText(Path.Combine(root, "usr/lib/apk/db/installed")));
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(root, "usr/bin/id")).LinkTarget ?? new FileInfo(Path.Combine(root, "bin/id")).LinkTarget);
        Assert.StartsWith("busybox=", File.ReadAllText(Path.Combine(root, "etc/apk/world")));
        Assert.True(File.Exists(Path.Combine(root, "etc/apko.json")));
        Assert.True(File.Exists(_image.Work.Combine("sbom", "sbom-x86_64.spdx.json")));
        // --annotations reach the image's documents and, as in apko, /etc/apko.json.
        string imageIndex = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(_image.Layout, "index.json")))!["manifests"]![0]!["digest"]!;
        Assert.Contains("org.example.pipeline", File.ReadAllText(Path.Combine(_image.Layout, "blobs", "sha256", imageIndex["sha256:".Length..])));
        Assert.Contains("org.example.pipeline", File.ReadAllText(Path.Combine(root, "etc/apko.json")));
    }
}
