using ImageDsl.Samples;
using ImageDsl.Testing;
using ImageDsl.Testing.Running;

namespace ImageDsl.Tests;

/// <summary>Which sandbox runs a command; without one a run fails loudly, saying what to install, never passing silently.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SandboxToolTests
{
    private static string Executable(TempDirectory folder, string name)
    {
        string path = folder.Combine(name);
        File.WriteAllText(path, "");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Without_bwrap_or_runc_on_path_the_error_says_what_to_install()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<InvalidOperationException>(() => SandboxTool.Find(ImageSandbox.Auto, empty.Path + Path.PathSeparator + "relative/bin"));

        Assert.Contains("needs bubblewrap (bwrap) or runc on PATH, and neither was found", error.Message);
        Assert.Contains("apt-get install bubblewrap", error.Message);
    }

    [Fact]
    public void Asking_for_runc_does_not_fall_back_to_bwrap()
    {
        using var folder = new TempDirectory();
        Executable(folder, "bwrap");

        var error = Assert.Throws<InvalidOperationException>(() => SandboxTool.Find(ImageSandbox.Runc, folder.Path));

        Assert.Contains("needs runc on PATH (ImageRunOptions.Sandbox asks for it)", error.Message);
        Assert.Contains("apt-get install runc", error.Message);
    }

    [Fact]
    public void Bwrap_comes_first_and_runc_is_the_fallback()
    {
        using var both = new TempDirectory();
        using var runcOnly = new TempDirectory();
        string bwrap = Executable(both, "bwrap");
        Executable(both, "runc");
        string runc = Executable(runcOnly, "runc");

        Assert.Equal((ImageSandbox.Bubblewrap, bwrap), SandboxTool.Find(ImageSandbox.Auto, both.Path));
        Assert.Equal((ImageSandbox.Runc, runc), SandboxTool.Find(ImageSandbox.Auto, runcOnly.Path));
    }

    [Fact]
    public void A_tool_that_is_not_executable_does_not_count()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("bwrap"), "");
        File.SetUnixFileMode(folder.Combine("bwrap"), UnixFileMode.UserRead);

        Assert.Throws<InvalidOperationException>(() => SandboxTool.Find(ImageSandbox.Bubblewrap, folder.Path));
    }

    [Fact]
    public void The_installed_tools_are_found()
    {
        string path = Environment.GetEnvironmentVariable("PATH")!;

        Assert.Equal((ImageSandbox.Bubblewrap, RequiredTool.Find("bwrap", "bubblewrap")), SandboxTool.Find(ImageSandbox.Auto, path));
        Assert.Equal((ImageSandbox.Runc, RequiredTool.Find("runc", "runc")), SandboxTool.Find(ImageSandbox.Runc, path));
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task The_samples_hello_image_has_no_shell_so_its_script_cannot_start(ImageSandbox sandbox)
    {
        // hello-minimal alone: /usr/bin/hello is a #!/bin/sh script and nothing in the sample repository ships /bin/sh.
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(new TestImageOptions { BaseDirectory = Fixtures.RepositoryRoot });

        ImageRunResult run = await image.RunAsync(options: new ImageRunOptions { Sandbox = sandbox });

        Assert.Null(image.File("/bin/sh"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/usr/bin/hello", run.StandardError);
    }
}
