using System.Text.Json.Nodes;

namespace ImageDsl.Tests.Build;

/// <summary>
/// `contents.local` on a base image: apko leaves the base's accounts as they are, so the natural owner
/// of an app's files is a user of the base image's /etc/passwd. The build reads it from the base's
/// layers (uid, gid and group name) instead of refusing every owner the configuration does not declare.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BaseImageLocalContentTests : IClassFixture<BaseImageBuildTests.Built>
{
    private readonly BaseImageBuildTests.Built _built;

    public BaseImageLocalContentTests(BaseImageBuildTests.Built built) => _built = built;

    private string WriteTop(string name, string owner)
    {
        string app = _built.Work.Combine(name + "-app");
        Directory.CreateDirectory(Path.Combine(app, "bin"));
        File.WriteAllText(Path.Combine(app, "bin", "run"), "#!/bin/sh\necho app\n");
        File.SetUnixFileMode(Path.Combine(app, "bin", "run"), (UnixFileMode)0x1ED); // 0755
        string config = _built.Work.Combine(name + ".yaml");
        string top = File.ReadAllText(_built.TopConfig);
        File.WriteAllText(config, top.Replace("  packages: [hello]\n",
            $"  packages: [hello]\n  local:\n    - path: {app}\n      name: app-files\n      version: 1.0.0-r0\n      to: /srv/app\n      owner: {owner}\n",
            StringComparison.Ordinal));
        return config;
    }

    private static ProcessResult Tool(string tool, string apt, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find(tool, apt), args);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}\n{result}");
        return result;
    }

    [Fact]
    public async Task Local_content_owned_by_a_base_image_user_gets_that_users_ids()
    {
        Assert.True(_built.BaseRun.Exit == 0, _built.BaseRun.Err);
        string config = WriteTop("owned", "app"); // `app` (uid 1000) exists only in the base image's /etc/passwd
        Assert.DoesNotContain("accounts:", File.ReadAllText(config));
        string layout = _built.Work.Combine("owned-layout");
        Directory.CreateDirectory(layout);
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/owned:v1", layout, "--sbom=false");
        Assert.True(exit == 0, stderr);

        JsonNode manifest = JsonNode.Parse(Tool("skopeo", "skopeo", "inspect", "--raw", "oci:" + layout + ":v1").StandardOutput)!;
        string top = Path.Combine(layout, "blobs", "sha256", ((string)manifest["layers"]!.AsArray()[^1]!["digest"]!)["sha256:".Length..]);
        string[] numeric = Tool("tar", "tar", "--numeric-owner", "-tvzf", top).StandardOutput.Split('\n');
        Assert.True(numeric.Any(l => l.StartsWith("-rwxr-xr-x 1000/1000", StringComparison.Ordinal) && l.EndsWith(" srv/app/bin/run", StringComparison.Ordinal)),
            string.Join('\n', numeric.Where(l => l.Contains("srv/", StringComparison.Ordinal))));
        // The layer's tar headers name owners from the layer's own /etc/passwd (apko's rule), which a layer on a
        // base image does not carry: the ids are what runtimes use, and they are the base user's.
    }

    /// <summary>
    /// A later base layer that deletes /etc/passwd (a whiteout, here made by umoci) leaves the base without the user:
    /// the build must not believe the lower layer's copy.
    /// </summary>
    [Fact]
    public async Task A_passwd_deleted_by_a_later_base_layer_no_longer_names_the_user()
    {
        Assert.True(_built.BaseRun.Exit == 0, _built.BaseRun.Err);
        string layout = _built.Work.Combine("whiteout-base");
        Tool("cp", "coreutils", "-a", _built.BaseLayout, layout);
        string bundle = _built.Work.Combine("whiteout-bundle");
        Tool("umoci", "umoci", "unpack", "--image", layout + ":v1", bundle);
        File.Delete(Path.Combine(bundle, "rootfs", "etc", "passwd"));
        Tool("umoci", "umoci", "repack", "--image", layout + ":v1", bundle);
        string config = WriteTop("whiteout", "app");
        File.WriteAllText(config, File.ReadAllText(config).Replace(_built.BaseLayout, layout, StringComparison.Ordinal));

        var (exit, _, stderr) = await CliRun.Run("build", config, "test/whiteout:v1", _built.Work.Combine("whiteout.tar"), "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains("local content owner 'app' is neither a declared user nor in the base image's /etc/passwd", stderr);
    }

    [Fact]
    public async Task An_owner_neither_declared_nor_in_the_base_image_is_a_clear_error()
    {
        Assert.True(_built.BaseRun.Exit == 0, _built.BaseRun.Err);
        string config = WriteTop("unowned", "nosuchuser");
        string output = _built.Work.Combine("unowned.tar");
        var (exit, _, stderr) = await CliRun.Run("build", config, "test/unowned:v1", output, "--sbom=false");
        Assert.Equal(2, exit);
        Assert.Contains("local content owner 'nosuchuser' is neither a declared user nor in the base image's /etc/passwd", stderr);
        Assert.False(File.Exists(output));
    }
}
