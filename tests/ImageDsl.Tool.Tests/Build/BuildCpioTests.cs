namespace ImageDsl.Tests.Build;

public class BuildCpioTests
{
    [Fact]
    public async Task Build_cpio_writes_a_newc_archive_of_the_image_filesystem()
    {
        using var work = new TempDirectory();
        string config = work.Combine("image.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{Fixtures.Shared("apko-cli-repo")}]
              keyring: [{Fixtures.Shared("apko-cli-repo", "melange.rsa.pub")}]
              packages: [replayout]
            accounts:
              users: [{"{"}username: app, uid: 1000{"}"}]
            """);
        string output = work.Combine("initramfs.cpio");
        var result = await CliRun.Run("build-cpio", config, output, "--build-arch", "arm64", "--cache-dir", work.Combine("cache"));
        Assert.True(result.Exit == 0, result.Err);

        Assert.Equal("070701", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(output), 0, 6));
        string cpio = RequiredTool.Find("cpio", "cpio");
        ProcessResult listing = ProcessRunner.Run("/bin/sh", ["-c", $"\"{cpio}\" -tv --numeric-uid-gid --quiet < \"{output}\""]);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        string[] lines = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.EndsWith(" etc/apk/arch", StringComparison.Ordinal) && l.StartsWith("-rw-r--r--", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" etc/passwd", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" etc/apko.json", StringComparison.Ordinal) && l.StartsWith("-r--r--r--", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" tmp", StringComparison.Ordinal) && l.StartsWith("drwxrwxrwt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" home/app", StringComparison.Ordinal) && l.Contains(" 1000 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_output_folder_is_an_output_error_and_leaves_nothing()
    {
        using var work = new TempDirectory();
        string config = ReplayoutConfig.Write(work);
        var result = await CliRun.Run("build-cpio", config, work.Combine("no", "such", "x.cpio"), "--build-arch", "arm64", "--cache-dir", work.Combine("cache"));
        Assert.Equal(6, result.Exit);
        Assert.Contains("does not exist", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("no")));
    }
}
