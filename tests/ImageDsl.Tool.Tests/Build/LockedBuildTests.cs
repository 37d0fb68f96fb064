namespace ImageDsl.Tests.Build;

public class LockedBuildTests
{
    [Fact]
    public async Task Build_with_the_lock_file_gives_the_same_image_and_a_changed_config_is_refused()
    {
        using var work = new TempDirectory();
        string config = ReplayoutConfig.Write(work, "archs: [amd64, arm64]\n");
        string cache = work.Combine("cache");
        string lockPath = work.Combine("image.lock.json");
        var locked = await CliRun.Run("lock", config, "--output", lockPath, "--cache-dir", cache);
        Assert.True(locked.Exit == 0, locked.Err);

        var plain = await CliRun.Run("build", config, "app:1", work.Combine("plain.tar"), "--cache-dir", cache, "--sbom=false");
        var pinned = await CliRun.Run("build", config, "app:1", work.Combine("pinned.tar"), "--cache-dir", cache, "--sbom=false", "--lockfile", lockPath);
        Assert.True(pinned.Exit == 0, pinned.Err);
        Assert.Equal(plain.Out, pinned.Out);

        File.AppendAllText(config, "\ncmd: /bin/true\n");
        var stale = await CliRun.Run("build", config, "app:1", work.Combine("stale.tar"), "--cache-dir", cache, "--lockfile", lockPath);
        Assert.Equal(2, stale.Exit);
        Assert.Contains("does not matches the original config", stale.Err);
        Assert.False(File.Exists(work.Combine("stale.tar")));
    }
}
