using System.Text.Json.Nodes;
using ImageDsl.Tests.Registry;

namespace ImageDsl.Tests.Build;

/// <summary>`dotnet image publish` against the real Debian docker-registry on loopback.</summary>
public class PublishCommandTests
{
    private static string Config(TempDirectory work)
    {
        string path = ReplayoutConfig.Write(work, "archs: [amd64, arm64]\n");
        return path;
    }

    [Fact]
    public async Task Two_arch_image_with_two_tags_is_published_and_a_second_publish_uploads_nothing()
    {
        using var work = new TempDirectory();
        using TestRegistry registry = TestRegistry.Start();
        string config = Config(work);
        string cache = work.Combine("cache");
        string refs = work.Combine("refs.txt");

        var first = await CliRun.Run("publish", config, $"{registry.Host}/team/app:latest", $"{registry.Host}/team/app:1.0",
            "--cache-dir", cache, "--image-refs", refs, "--sbom=false");
        Assert.True(first.Exit == 0, first.Err);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(registry.Host)}/team/app@sha256:[0-9a-f]{{64}}\n$", first.Out);
        string digest = first.Out.Trim().Split('@')[1];

        foreach (string tag in new[] { "latest", "1.0" })
        {
            ProcessResult inspect = ProcessRunner.Run(RequiredTool.Find("skopeo", "skopeo"),
                ["inspect", "--tls-verify=false", "--raw", $"docker://{registry.Host}/team/app:{tag}"]);
            Assert.True(inspect.ExitCode == 0, inspect.ToString());
            JsonNode index = JsonNode.Parse(inspect.StandardOutput)!;
            Assert.Equal(["amd64", "arm64"], index["manifests"]!.AsArray().Select(m => (string)m!["platform"]!["architecture"]!));
            string actual = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inspect.StandardOutput)));
            Assert.Equal(digest, actual);
        }
        Assert.Equal(3, File.ReadAllLines(refs).Length); // two per-arch refs and the index ref

        var second = await CliRun.Run("publish", config, $"{registry.Host}/team/app:latest", "--cache-dir", cache, "--sbom=false");
        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("0 blobs uploaded", second.Err);
    }

    [Fact]
    public async Task Publishing_to_a_registry_that_wants_a_login_says_how_to_log_in()
    {
        using var work = new TempDirectory();
        using TestRegistry registry = TestRegistry.Start(TestRegistry.HtpasswdAuth(work, "ci", "secret"));
        var result = await CliRun.Run("publish", Config(work), $"{registry.Host}/team/app:latest", "--cache-dir", work.Combine("cache"), "--sbom=false");
        Assert.Equal(7, result.Exit);
        Assert.Contains("dotnet image login", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }
}
