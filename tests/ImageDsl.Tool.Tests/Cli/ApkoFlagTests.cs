using System.Text.Json.Nodes;
using ImageDsl.Tests.Build;

namespace ImageDsl.Tests.Cli;

/// <summary>Flags apko accepts that a script swapping `apko` for `dotnet image` may pass.</summary>
public sealed class ApkoFlagTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>A one-arch configuration over the sample repository (offline: a local folder).</summary>
    private string SampleConfig(string name = "image.yaml", string extra = "")
    {
        string path = _work.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            contents:
              keyring: [{Fixtures.Repo("samples", "keys", "sample.rsa.pub")}]
              repositories: [{Fixtures.Repo("samples", "repo")}]
              packages: [hello-world]
            archs: [amd64]
            {extra}
            """);
        return path;
    }

    private Task<(int Exit, string Out, string Err)> Build(string config, params string[] extra) =>
        CliRun.Run(["build", config, "flags:1", _work.Combine("out.tar"), "--cache-dir", _work.Combine("cache"), "--sbom=false", .. extra]);

    [Fact]
    public async Task Format_tar_builds_the_image_of_format_tar_in_the_file()
    {
        var inFile = await Build(SampleConfig("in-file.yaml", "format: tar"));
        var flag = await Build(SampleConfig(), "--format", "tar");
        Assert.True(flag.Exit == 0, flag.Err);
        Assert.Equal(inFile.Out, flag.Out);
    }

    [Fact]
    public async Task Format_erofs_is_refused_at_the_flag()
    {
        var result = await Build(SampleConfig(), "--format", "erofs");
        Assert.Equal(2, result.Exit);
        Assert.Contains("--format(0,0): error IMG0026: format 'erofs' is not supported: layers are written as tar only", result.Err);
        Assert.False(File.Exists(_work.Combine("out.tar")));
    }

    [Fact]
    public async Task Format_tar_on_the_command_line_replaces_the_files_format_as_in_apko()
    {
        var refused = await Build(SampleConfig(extra: "format: erofs"));
        Assert.Equal(2, refused.Exit);
        var result = await Build(SampleConfig(extra: "format: erofs"), "--format", "tar");
        Assert.True(result.Exit == 0, result.Err);
    }

    [Fact]
    public async Task Show_config_accepts_cache_dir_and_offline()
    {
        var result = await CliRun.Run("show-config", SampleConfig(), "--cache-dir", _work.Combine("cache"), "--offline");
        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("hello-world", result.Out);
    }

    [Fact]
    public async Task Include_paths_also_find_the_configuration_itself()
    {
        SampleConfig(Path.Combine("configs", "only-here.yaml"));
        var missing = await CliRun.Run("show-config", "only-here.yaml");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("--include-paths", missing.Err);

        var found = await CliRun.Run("show-config", "only-here.yaml", "--include-paths", _work.Combine("configs"));
        Assert.True(found.Exit == 0, found.Err);
        Assert.Contains("hello-world", found.Out);
    }

    [Fact]
    public async Task A_lock_file_without_checksums_is_refused_as_apko_refuses_it()
    {
        string config = SampleConfig();
        string lockPath = _work.Combine("image.lock.json");
        var locked = await CliRun.Run("lock", config, "--output", lockPath, "--cache-dir", _work.Combine("cache"));
        Assert.True(locked.Exit == 0, locked.Err);
        Assert.True((await Build(config, "--lockfile", lockPath)).Exit == 0);

        // What apko before 0.13 wrote: no per-package checksum.
        JsonNode lockJson = JsonNode.Parse(File.ReadAllText(lockPath))!;
        foreach (JsonNode? package in lockJson["contents"]!["packages"]!.AsArray())
        {
            package!.AsObject().Remove("checksum");
        }
        string old = _work.Combine("old.lock.json");
        File.WriteAllText(old, lockJson.ToJsonString());

        var result = await Build(config, "--lockfile", old);
        Assert.Equal(2, result.Exit);
        Assert.Contains($"failed getting packages for install from lockfile {old}: locked package ", result.Err);
        Assert.Contains("has missing checksum (please regenerate the lock file with Apko >=0.13)", result.Err);
    }

    [Fact]
    public async Task Command_line_annotations_are_written_into_etc_apko_json()
    {
        string layout = _work.Combine("layout");
        Directory.CreateDirectory(layout);
        var result = await CliRun.Run("build", SampleConfig(extra: "annotations:\n  org.example.kept: from-yaml\n  org.example.replaced: from-yaml"),
            "flags:1", layout, "--cache-dir", _work.Combine("cache"), "--sbom=false",
            "--annotations", "org.example.flag:from-flag", "--annotations", "org.example.replaced:from-flag");
        Assert.True(result.Exit == 0, result.Err);

        JsonNode apkoJson = JsonNode.Parse(LayoutLayers.ReadText(layout, "etc/apko.json"))!;
        JsonObject annotations = apkoJson["annotations"]!.AsObject();
        Assert.Equal("from-yaml", (string?)annotations["org.example.kept"]);
        Assert.Equal("from-flag", (string?)annotations["org.example.replaced"]);
        Assert.Equal("from-flag", (string?)annotations["org.example.flag"]);
    }

    [Fact]
    public async Task A_yaml_annotation_key_apkos_flag_would_refuse_builds_with_a_warning()
    {
        string layout = _work.Combine("layout");
        Directory.CreateDirectory(layout);
        var result = await CliRun.Run("build", SampleConfig(extra: "annotations:\n  Org.Example/Title: kept"),
            "flags:1", layout, "--cache-dir", _work.Combine("cache"), "--sbom=false");
        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("warning IMG0019: annotation key 'Org.Example/Title' does not match", result.Err);
        Assert.Equal("kept", (string?)JsonNode.Parse(LayoutLayers.ReadText(layout, "etc/apko.json"))!["annotations"]!["Org.Example/Title"]);

        // The same key on the command line is refused, as apko refuses it.
        var flag = await Build(SampleConfig(), "--annotations", "Org.Example/Title:x");
        Assert.Equal(2, flag.Exit);
    }
}
