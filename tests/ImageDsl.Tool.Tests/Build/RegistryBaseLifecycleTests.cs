using System.Text;
using System.Text.Json.Nodes;
using ImageDsl.Tests.Cli;
using ImageDsl.Tests.Registry;

namespace ImageDsl.Tests.Build;

/// <summary>
/// A registry base image over time, each test with its own loopback registry: the tag moved to another
/// image under a lock, the registry gone (offline with a warm or cold cache), and a registry that wants
/// a login (credentials from docker's config, as `publish` reads them).
/// </summary>
public sealed class RegistryBaseLifecycleTests
{
    private static async Task<string> LockAsync(RegistryBaseSetup setup, string config)
    {
        string lockPath = Path.ChangeExtension(config, ".lock.json");
        var locked = await CliRun.Run("lock", config, "--output", lockPath, "--cache-dir", setup.Cache);
        Assert.True(locked.Exit == 0, locked.Err);
        return lockPath;
    }

    [Fact]
    public async Task Repushing_another_image_under_the_tag_makes_a_locked_build_fail_and_an_unlocked_one_take_the_new_image()
    {
        using var setup = RegistryBaseSetup.Start();
        string reference = $"{setup.Registry.Host}/test/base:1";
        var first = await CliRun.Run("publish", setup.WriteBase("first"), reference, "--cache-dir", setup.Cache, "--sbom=false");
        Assert.True(first.Exit == 0, first.Err);
        string config = setup.WriteTop(reference);
        string lockPath = await LockAsync(setup, config);

        var second = await CliRun.Run("publish", setup.WriteBase("second"), reference, "--cache-dir", setup.Cache, "--sbom=false");
        Assert.True(second.Exit == 0, second.Err);
        Assert.NotEqual(first.Out, second.Out);
        string firstDigest = first.Out.Trim().Split('@')[1];
        string secondDigest = second.Out.Trim().Split('@')[1];

        string output = setup.Work.Combine("locked-out");
        var locked = await CliRun.Run("build", config, "test/top:v1", output, "--sbom=false", "--lockfile", lockPath, "--cache-dir", setup.Cache);
        Assert.Equal(5, locked.Exit);
        Assert.Contains($"the base image {reference} is now {secondDigest}, but the lock file pins {firstDigest}", locked.Err);
        Assert.Contains("dotnet image lock", locked.Err);
        Assert.False(Directory.Exists(output));

        string layout = setup.NewLayout();
        var unlocked = await CliRun.Run("build", config, "test/top:v1", layout, "--sbom=false", "--cache-dir", setup.Cache);
        Assert.True(unlocked.Exit == 0, unlocked.Err);
        ProcessResult inspect = ProcessRunner.Run(RequiredTool.Find("skopeo", "skopeo"), ["inspect", "--config", "oci:" + layout + ":v1"]);
        Assert.Contains("BASEVAR=second", inspect.StandardOutput);
    }

    [Fact]
    public async Task Without_the_registry_a_locked_build_works_offline_from_the_cache_and_otherwise_fails_clearly()
    {
        var setup = RegistryBaseSetup.Start();
        string byDigest;
        try
        {
            string reference = $"{setup.Registry.Host}/test/base:1";
            var pushed = await CliRun.Run("publish", setup.WriteBase(), reference, "--cache-dir", setup.Cache, "--sbom=false");
            Assert.True(pushed.Exit == 0, pushed.Err);
            byDigest = setup.WriteTop(pushed.Out.Trim(), "by-digest.yaml");
            string config = setup.WriteTop(reference);
            string lockPath = await LockAsync(setup, config); // pulls the base into the cache
            var online = await CliRun.Run("build", config, "test/top:v1", setup.NewLayout(), "--sbom=false", "--lockfile", lockPath, "--cache-dir", setup.Cache);
            Assert.True(online.Exit == 0, online.Err);
        }
        finally
        {
            setup.Registry.Dispose(); // the registry is gone from here on
        }
        try
        {
            string config = setup.Work.Combine("top.yaml");
            string lockPath = setup.Work.Combine("top.lock.json");
            var offline = await CliRun.Run("build", config, "test/top:v1", setup.NewLayout(), "--sbom=false", "--lockfile", lockPath,
                "--cache-dir", setup.Cache, "--offline");
            Assert.True(offline.Exit == 0, offline.Err);
            // Named by digest, no lock is needed offline: the digest says which cached image to use.
            var digestOffline = await CliRun.Run("build", byDigest, "test/top:v1", setup.NewLayout(), "--sbom=false", "--cache-dir", setup.Cache, "--offline");
            Assert.True(digestOffline.Exit == 0, digestOffline.Err);

            var unreachable = await CliRun.Run("build", config, "test/top:v1", setup.Work.Combine("out-unreachable"), "--sbom=false", "--lockfile", lockPath,
                "--cache-dir", setup.Cache);
            Assert.Equal(4, unreachable.Exit);
            Assert.Contains("cannot reach registry", unreachable.Err);
            Assert.Contains("build with --offline", unreachable.Err);
            Assert.DoesNotContain("   at ", unreachable.Err);

            var tagOffline = await CliRun.Run("build", config, "test/top:v1", setup.Work.Combine("out-tag"), "--sbom=false", "--cache-dir", setup.Cache, "--offline");
            Assert.Equal(4, tagOffline.Exit);
            Assert.Contains("is named by a tag, which cannot be resolved without the registry", tagOffline.Err);

            var cold = await CliRun.Run("build", config, "test/top:v1", setup.Work.Combine("out-cold"), "--sbom=false", "--lockfile", lockPath,
                "--cache-dir", setup.Work.Combine("cold-cache"), "--offline");
            Assert.Equal(4, cold.Exit);
            Assert.Contains("--offline", cold.Err);
            Assert.Contains("is not in the cache", cold.Err);
            Assert.False(Directory.Exists(setup.Work.Combine("out-cold")));
        }
        finally
        {
            setup.Work.Dispose();
        }
    }

    [Fact]
    public async Task A_damaged_cached_blob_is_fetched_again()
    {
        using var setup = RegistryBaseSetup.Start();
        string reference = $"{setup.Registry.Host}/test/base:1";
        var pushed = await CliRun.Run("publish", setup.WriteBase(), reference, "--cache-dir", setup.Cache, "--sbom=false");
        Assert.True(pushed.Exit == 0, pushed.Err);
        string config = setup.WriteTop(reference);
        var first = await CliRun.Run("build", config, "test/top:v1", setup.NewLayout(), "--sbom=false", "--cache-dir", setup.Cache);
        Assert.True(first.Exit == 0, first.Err);

        string blobs = Path.Combine(setup.Cache, "base-images", "blobs", "sha256");
        string largest = Directory.GetFiles(blobs).OrderByDescending(f => new FileInfo(f).Length).First();
        byte[] bytes = File.ReadAllBytes(largest);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(largest, bytes);

        var second = await CliRun.Run("build", config, "test/top:v1", setup.NewLayout(), "--sbom=false", "--cache-dir", setup.Cache);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(Path.GetFileName(largest), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(largest))));
    }

    [Fact]
    public async Task A_token_registry_gives_the_build_a_pull_only_token_for_the_base()
    {
        TokenServer? tokens = null;
        using var setup = RegistryBaseSetup.Start(work =>
        {
            tokens = TokenServer.StartAsync(work, "bob", "t0ken-pass").GetAwaiter().GetResult();
            return tokens.RegistryAuthYaml;
        });
        await using TokenServer server = tokens!;
        string reference = $"{setup.Registry.Host}/test/base:1";
        Dictionary<string, string?> environment = ToolProcess.CleanEnvironment(("DOCKER_CONFIG", DockerConfig(setup, "bob", "t0ken-pass")));

        ProcessResult pushed = ToolProcess.Run(["publish", setup.WriteBase(), reference, "--cache-dir", setup.Cache, "--sbom=false"], environment);
        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        int before = server.Requests.Count;
        ProcessResult built = ToolProcess.Run(["build", setup.WriteTop(reference), "test/top:v1", setup.NewLayout(), "--sbom=false",
            "--cache-dir", setup.Work.Combine("pull-cache")], environment);
        Assert.True(built.ExitCode == 0, built.ToString());
        var pulls = server.Requests.Skip(before).ToList();
        Assert.NotEmpty(pulls);
        Assert.All(pulls, r => Assert.Equal(["repository:test/base:pull"], r.Scopes));
        Assert.All(pulls, r => Assert.True(r.Authenticated));
    }

    private static string DockerConfig(RegistryBaseSetup setup, string user, string password)
    {
        string directory = setup.Work.Combine($"docker-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), new JsonObject
        {
            ["auths"] = new JsonObject { [setup.Registry.Host] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")) } },
        }.ToJsonString());
        return directory;
    }

    [Fact]
    public void A_registry_that_wants_a_login_serves_the_base_with_publishs_credentials_and_refuses_without()
    {
        using var setup = RegistryBaseSetup.Start(work => TestRegistry.HtpasswdAuth(work, "ci", "s3cret"));
        string reference = $"{setup.Registry.Host}/test/base:1";
        Dictionary<string, string?> withLogin = ToolProcess.CleanEnvironment(("DOCKER_CONFIG", DockerConfig(setup, "ci", "s3cret")));

        ProcessResult pushed = ToolProcess.Run(["publish", setup.WriteBase(), reference, "--cache-dir", setup.Cache, "--sbom=false"], withLogin);
        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        string config = setup.WriteTop(reference);
        ProcessResult built = ToolProcess.Run(["build", config, "test/top:v1", setup.NewLayout(), "--sbom=false", "--cache-dir", setup.Cache], withLogin);
        Assert.True(built.ExitCode == 0, built.ToString());

        Dictionary<string, string?> withoutLogin = ToolProcess.CleanEnvironment(("DOCKER_CONFIG", setup.Work.Combine("no-docker")));
        ProcessResult denied = ToolProcess.Run(["build", config, "test/top:v1", setup.NewLayout(), "--sbom=false", "--cache-dir", setup.Work.Combine("cache-2")],
            withoutLogin);
        Assert.Equal(7, denied.ExitCode);
        Assert.Contains("dotnet image login", denied.StandardError);
        Assert.DoesNotContain("s3cret", denied.StandardError + denied.StandardOutput);
    }
}
