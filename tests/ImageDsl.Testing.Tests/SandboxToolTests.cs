using ImageDsl.Samples;
using ImageDsl.Testing;
using ImageDsl.Testing.Running;

namespace ImageDsl.Tests;

/// <summary>Without bubblewrap a run fails loudly, saying what to install; it never passes silently.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SandboxToolTests
{
    [Fact]
    public void Without_bwrap_on_path_the_error_says_what_to_install()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<InvalidOperationException>(() => SandboxTool.Find(empty.Path + Path.PathSeparator + "relative/bin"));

        Assert.Contains("needs bubblewrap (bwrap) on PATH", error.Message);
        Assert.Contains("apt-get install bubblewrap", error.Message);
    }

    [Fact]
    public void A_bwrap_that_is_not_executable_does_not_count()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("bwrap"), "");
        File.SetUnixFileMode(folder.Combine("bwrap"), UnixFileMode.UserRead);

        Assert.Throws<InvalidOperationException>(() => SandboxTool.Find(folder.Path));
    }

    [Fact]
    public void The_installed_bwrap_is_found()
    {
        string found = SandboxTool.Find(Environment.GetEnvironmentVariable("PATH"));

        Assert.Equal(RequiredTool.Find("bwrap", "bubblewrap"), found);
    }

    [Fact]
    public async Task The_samples_hello_image_has_no_shell_so_its_script_cannot_start()
    {
        // hello-minimal alone: /usr/bin/hello is a #!/bin/sh script and nothing in the sample repository ships /bin/sh.
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(new TestImageOptions { BaseDirectory = Fixtures.RepositoryRoot });

        ImageRunResult run = await image.RunAsync();

        Assert.Null(image.File("/bin/sh"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/usr/bin/hello", run.StandardError);
    }
}
