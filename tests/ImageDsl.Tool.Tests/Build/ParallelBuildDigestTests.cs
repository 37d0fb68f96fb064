namespace ImageDsl.Tests.Build;

/// <summary>
/// Layer bytes never depend on the core count or the layer cache: builds in child processes with
/// one core and with all of them, cold and warm cache, give identical image tars.
/// </summary>
public class ParallelBuildDigestTests
{
    private static string Config(TempDirectory work)
    {
        string config = ReplayoutConfig.Write(work, "archs: [amd64]\n");
        return config;
    }

    private static string Build(TempDirectory work, string config, string name, string cache, string? processors, params string[] extra)
    {
        string dir = work.Combine(name);
        Directory.CreateDirectory(dir);
        string tool = Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll");
        ProcessResult result = ProcessRunner.Run("dotnet",
            [tool, "build", config, "par:1", Path.Combine(dir, "out.tar"), "--cache-dir", cache, "--sbom=false", .. extra],
            workingDirectory: dir,
            environment: new Dictionary<string, string?> { ["DOTNET_PROCESSOR_COUNT"] = processors, ["SOURCE_DATE_EPOCH"] = "1700000000" });
        Assert.True(result.ExitCode == 0, result.ToString());
        return Path.Combine(dir, "out.tar");
    }

    [Fact]
    public void One_core_all_cores_and_a_warm_layer_cache_give_identical_images()
    {
        using var work = new TempDirectory();
        string config = Config(work);
        string single = Build(work, config, "one", work.Combine("cache-one"), "1");
        string all = Build(work, config, "all", work.Combine("cache-all"), null);
        Assert.NotEmpty(Directory.GetFiles(work.Combine("cache-all", "layers", "gzip-v2-6")));
        string warm = Build(work, config, "warm", work.Combine("cache-all"), "1");

        byte[] expected = File.ReadAllBytes(single);
        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(all)), "1 core and all cores differ");
        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(warm)), "the cached rebuild differs");
    }

    [Fact]
    public void Compression_zstd_writes_zstd_layers_and_a_bad_value_is_a_usage_error()
    {
        using var work = new TempDirectory();
        string config = Config(work);
        string tar = Build(work, config, "zstd", work.Combine("cache"), null, "--compression", "zstd:7");
        string unpacked = work.Combine("unpacked");
        Directory.CreateDirectory(unpacked);
        Assert.Equal(0, ProcessRunner.Run("tar", ["-xf", tar, "-C", unpacked]).ExitCode);
        LayoutFirstLayer.AssertZstd(unpacked);

        string tool = Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll");
        ProcessResult bad = ProcessRunner.Run("dotnet", [tool, "build", config, "par:1", work.Combine("bad.tar"), "--cache-dir", work.Combine("cache"), "--compression", "lz4"]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--compression 'lz4'", bad.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(work.Combine("bad.tar")));
    }
}
