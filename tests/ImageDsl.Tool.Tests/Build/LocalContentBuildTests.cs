using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>
/// `contents.local`: a folder on the build machine (a regular file, an executable, a symlink) becomes
/// a real package: installed with its owner and modes, recorded with per-file checksums in the apk
/// database, listed in the SBOM, and built twice to the same digest.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalContentBuildTests : IClassFixture<LocalContentBuildTests.Built>
{
    private readonly Built _built;

    public LocalContentBuildTests(Built built) => _built = built;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class Built : IDisposable
    {
        public Built()
        {
            TestRepository repo = TestRepositories.CreateBusyboxRepository(Work.Combine("repo"), "x86_64");
            Repository = repo.Root;
            string content = Work.Combine("project", "publish");
            Directory.CreateDirectory(Path.Combine(content, "bin"));
            File.WriteAllText(Path.Combine(content, "bin", "app"), "#!/bin/sh\necho hello from the app\n");
            File.SetUnixFileMode(Path.Combine(content, "bin", "app"), (UnixFileMode)0x1C0); // 0700: executable, owner-only
            File.WriteAllText(Path.Combine(content, "data.txt"), "some data\n");
            File.SetUnixFileMode(Path.Combine(content, "data.txt"), (UnixFileMode)0x180); // 0600: normalised to 0644
            File.CreateSymbolicLink(Path.Combine(content, "run"), "bin/app");

            Config = Work.Combine("project", "image.yaml");
            File.WriteAllText(Config, $"contents:\n  repositories: [{repo.Root}]\n  keyring: [{repo.PublicKeyPath}]\n" + """
                  packages: [busybox]
                  local:
                    - path: publish
                      to: /app
                      name: myapp
                      version: 1.2.3-r0
                      owner: app
                accounts:
                  users:
                    - username: app
                      uid: 1000
                      gid: 1000
                  groups:
                    - groupname: app
                      gid: 1000
                  run-as: app
                archs: [amd64]
                """);
            First = Build("first", withSbom: true);
            // The host's file times never reach the image.
            foreach (string file in Directory.EnumerateFiles(content, "*", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            }
            Second = Build("second", withSbom: false);
        }

        private (int Exit, string Out, string Err, string Layout) Build(string name, bool withSbom)
        {
            string layout = Work.Combine(name);
            Directory.CreateDirectory(layout);
            string[] sbom = withSbom ? ["--sbom-path", Work.Combine("sbom")] : ["--sbom=false"];
            var (exit, stdout, stderr) = CliRun.Run(["build", Config, "test/local:v1", layout, .. sbom]).GetAwaiter().GetResult();
            return (exit, stdout, stderr, layout);
        }

        public TempDirectory Work { get; } = new("imagedsl-local-content");
        public string Config { get; }
        public string Repository { get; }
        public (int Exit, string Out, string Err, string Layout) First { get; }
        public (int Exit, string Out, string Err, string Layout) Second { get; }

        public void Dispose() => Work.Dispose();
    }

    private static ProcessResult Tool(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    private string[] Layers(string layout)
    {
        JsonNode manifest = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--raw", "oci:" + layout + ":v1").StandardOutput)!;
        return manifest["layers"]!.AsArray().Select(l => Path.Combine(layout, "blobs", "sha256", ((string)l!["digest"]!)["sha256:".Length..])).ToArray();
    }

    [Fact]
    public void The_files_are_in_the_image_with_the_owner_and_normalised_modes()
    {
        Assert.True(_built.First.Exit == 0, _built.First.Err);
        string listing = string.Join("\n", Layers(_built.First.Layout).Select(l => Tool("tar", "tar", "--numeric-owner", "-tvzf", l).StandardOutput));
        string[] lines = listing.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("drwxr-xr-x 1000/1000", StringComparison.Ordinal) && l.EndsWith(" app", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("-rwxr-xr-x 1000/1000", StringComparison.Ordinal) && l.EndsWith(" app/bin/app", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("-rw-r--r-- 1000/1000", StringComparison.Ordinal) && l.EndsWith(" app/data.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("lrwxrwxrwx 1000/1000", StringComparison.Ordinal) && l.EndsWith(" app/run -> bin/app", StringComparison.Ordinal));
        // The tar headers name the owner and the group accounts.groups gives that gid.
        string named = string.Join("\n", Layers(_built.First.Layout).Select(l => Tool("tar", "tar", "-tvzf", l).StandardOutput));
        Assert.Contains(named.Split('\n'), l => l.StartsWith("-rwxr-xr-x app/app", StringComparison.Ordinal) && l.EndsWith(" app/bin/app", StringComparison.Ordinal));
    }

    [Fact]
    public void The_apk_database_records_the_package_with_per_file_checksums_and_the_world_names_it()
    {
        Assert.True(_built.First.Exit == 0, _built.First.Err);
        string bundle = _built.Work.Combine("bundle");
        Tool("umoci", "umoci", "unpack", "--image", _built.First.Layout + ":v1", bundle);
        string root = Path.Combine(bundle, "rootfs");
        string installed = File.ReadAllText(Path.Combine(root, "usr/lib/apk/db/installed"));
        string record = installed.Split("\n\n").Single(r => r.Split('\n').Contains("P:myapp"));
        string[] fields = record.Split('\n');
        Assert.Contains("V:1.2.3-r0", fields);
        Assert.Contains("A:noarch", fields);
        Assert.Contains("F:app/bin", fields);
        Assert.Equal("M:1000:1000:0755", fields[Array.IndexOf(fields, "F:app") + 1]);
        int app = Array.IndexOf(fields, "R:app");
        Assert.True(app >= 0, record);
        Assert.Equal("a:1000:1000:0755", fields[app + 1]);
        Assert.StartsWith("Z:Q1", fields[app + 2]);
        string sha1 = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(File.ReadAllBytes(Path.Combine(root, "app/bin/app"))));
        Assert.Equal("Z:Q1" + sha1, fields[app + 2]);
        Assert.Contains("R:data.txt", fields);
        Assert.Contains("R:run", fields);
        Assert.Contains("myapp=1.2.3-r0", File.ReadAllLines(Path.Combine(root, "etc/apk/world")));
        Assert.Equal("#!/bin/sh\necho hello from the app\n", File.ReadAllText(Path.Combine(root, "app/bin/app")));

        // The per-build signing key verifies the package but is not left in the image.
        Assert.Single(Directory.GetFiles(Path.Combine(root, "etc/apk/keys")));
        Assert.Equal([_built.Repository], File.ReadAllLines(Path.Combine(root, "etc/apk/repositories")));
    }

    [Fact]
    public void The_sbom_lists_the_local_package()
    {
        Assert.True(_built.First.Exit == 0, _built.First.Err);
        JsonNode sbom = JsonNode.Parse(File.ReadAllText(_built.Work.Combine("sbom", "sbom-x86_64.spdx.json")))!;
        JsonNode package = sbom["packages"]!.AsArray().Single(p => (string?)p!["name"] == "myapp")!;
        Assert.Equal("1.2.3-r0", (string?)package["versionInfo"]);
        string sha1 = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData("#!/bin/sh\necho hello from the app\n"u8));
        var files = sbom["files"]!.AsArray().Select(f => ((string)f!["fileName"]!, (string)f["checksums"]![0]!["checksumValue"]!)).ToList();
        Assert.Contains(("/app/bin/app", sha1), files);
        Assert.Contains(files, f => f.Item1 == "/app/data.txt");
        Assert.Equal(2, files.Count); // regular files only; the symlink is in the apk database
        Assert.True((bool)package["filesAnalyzed"]!);
    }

    [Fact]
    public void Building_twice_gives_the_same_digest()
    {
        Assert.True(_built.First.Exit == 0, _built.First.Err);
        Assert.True(_built.Second.Exit == 0, _built.Second.Err);
        Assert.Equal(_built.First.Out, _built.Second.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(_built.First.Layout, "index.json")), File.ReadAllText(Path.Combine(_built.Second.Layout, "index.json")));
    }

    [Fact]
    public async Task A_missing_folder_is_a_located_configuration_error()
    {
        string config = _built.Work.Combine("project", "missing.yaml");
        File.WriteAllText(config, File.ReadAllText(_built.Config).Replace("path: publish", "path: no-such-folder", StringComparison.Ordinal));
        string layout = _built.Work.Combine("missing-layout");
        Directory.CreateDirectory(layout);
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/local:v1", layout, "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains("IMG0042", stderr);
        Assert.Contains("missing.yaml(6,", stderr);
        Assert.Contains("no-such-folder", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout));
    }

    [Fact]
    public async Task An_owner_that_is_not_a_declared_user_is_a_located_configuration_error()
    {
        string config = _built.Work.Combine("project", "owner.yaml");
        File.WriteAllText(config, File.ReadAllText(_built.Config).Replace("owner: app", "owner: nobody", StringComparison.Ordinal));
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/local:v1", _built.Work.Combine("owner.tar"), "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains("IMG0043", stderr);
        Assert.Contains("owner.yaml(10,", stderr);
    }

    [Fact]
    public async Task Content_for_one_arch_refuses_a_build_for_another()
    {
        string config = _built.Work.Combine("project", "arch.yaml");
        File.WriteAllText(config, File.ReadAllText(_built.Config).Replace("owner: app", "owner: app\n      arch: aarch64", StringComparison.Ordinal));
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/local:v1", _built.Work.Combine("arch.tar"), "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains("local content 'myapp' is for aarch64 only and cannot be installed on amd64", stderr);
        Assert.False(File.Exists(_built.Work.Combine("arch.tar")));
    }

    [Fact]
    public async Task A_locked_build_still_installs_the_local_package_and_gives_the_same_image()
    {
        Assert.True(_built.Second.Exit == 0, _built.Second.Err);
        string lockPath = _built.Work.Combine("image.lock.json");
        var locked = await CliRun.Run("lock", _built.Config, "--output", lockPath);
        Assert.True(locked.Exit == 0, locked.Err);
        string layout = _built.Work.Combine("locked");
        Directory.CreateDirectory(layout);
        var build = await CliRun.Run("build", _built.Config, "test/local:v1", layout, "--sbom=false", "--lockfile", lockPath);
        Assert.True(build.Exit == 0, build.Err);
        Assert.Equal(_built.Second.Out, build.Out);
    }

    [Fact]
    public async Task Export_packs_content_into_a_signed_repository_that_the_written_file_builds_from()
    {
        Assert.True(_built.First.Exit == 0, _built.First.Err);
        var configuration = ImageDsl.Config.ConfigurationLoader.Load(_built.Config).Configuration;
        var image = new ImageDsl.Tool.Projects.ProjectImage("local", "Demo.Local", configuration);
        string exported = _built.Work.Combine("export", "local.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(exported)!);
        var warnings = new StringWriter();

        string yaml = ImageDsl.Tool.Commands.ExportCommand.Export(image, warnings, _built.Work.Combine("export", "local.local"), _built.Work.Combine("project"));
        File.WriteAllText(exported, yaml);

        Assert.DoesNotContain("local:", yaml);
        Assert.Contains("myapp=1.2.3-r0", yaml);
        Assert.True(File.Exists(_built.Work.Combine("export", "local.local", "repository", "x86_64", "APKINDEX.tar.gz")));
        Assert.True(File.Exists(_built.Work.Combine("export", "local.local", "repository", "x86_64", "myapp-1.2.3-r0.apk")));

        string layout = _built.Work.Combine("exported-layout");
        Directory.CreateDirectory(layout);
        var build = await CliRun.Run("build", exported, "test/local:v1", layout, "--sbom=false");
        Assert.True(build.Exit == 0, build.Err);
        string bundle = _built.Work.Combine("exported-bundle");
        Tool("umoci", "umoci", "unpack", "--image", layout + ":v1", bundle);
        string root = Path.Combine(bundle, "rootfs");
        Assert.Contains("\nP:myapp\n", File.ReadAllText(Path.Combine(root, "usr/lib/apk/db/installed")));
        Assert.Equal("#!/bin/sh\necho hello from the app\n", File.ReadAllText(Path.Combine(root, "app/bin/app")));
    }
}
