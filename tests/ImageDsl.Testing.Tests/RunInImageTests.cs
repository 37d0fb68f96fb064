using ImageDsl.Model;
using ImageDsl.Samples;
using ImageDsl.Testing;
using ImageDsl.Testing.Running;

namespace ImageDsl.Tests;

/// <summary>
/// <see cref="ImageUnderTest.RunAsync"/> under bubblewrap and under runc. The samples' hello-world ships a shell script
/// and the sample repository has no shell, so these tests add the host's static busybox (packed as an
/// APK by our own tooling, in its own signed repository) to hello-minimal.
/// </summary>
public sealed class RunInImageTests : IClassFixture<RunInImageTests.HelloWithShell>
{
    private readonly ImageUnderTest _image;

    public RunInImageTests(HelloWithShell fixture) => _image = fixture.Image;

    /// <summary>hello-minimal plus busybox (/bin/sh), built once for the class.</summary>
    public sealed class HelloWithShell : IAsyncLifetime
    {
        private readonly TempDirectory _work = new("imagedsl-testing-run");

        public ImageUnderTest Image { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Image = await TestImage.BuildAsync(WithShell.Add(HelloMinimal.Configuration, _work.Combine("busybox")), new TestImageOptions { BaseDirectory = Fixtures.RepositoryRoot, Architecture = Architecture.Amd64 });
        }

        public Task DisposeAsync()
        {
            Image?.Dispose();
            _work.Dispose();
            return Task.CompletedTask;
        }
    }

    private static ImageRunOptions Sandbox(ImageSandbox sandbox) => new() { Sandbox = sandbox };

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task Without_a_command_it_runs_the_entrypoint(ImageSandbox sandbox)
    {
        ImageRunResult run = await _image.RunAsync(options: Sandbox(sandbox));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllText(Fixtures.Repo("samples", "repo", "src", "hello-world", "usr", "share", "hello", "greeting.txt")), run.StandardOutput);
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task Runs_as_the_image_user_in_its_work_dir_with_its_environment(ImageSandbox sandbox)
    {
        ImageRunResult run = await _image.RunAsync(["/bin/sh", "-c", "id -u; id -g; pwd; echo \"$GREETING\"; echo \"$HOME\"; echo \"$PATH\""], Sandbox(sandbox));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("65532\n65532\n/home/hello\nhello from ImageDsl\n/home/hello\n" + _image.Config.Environment.GetValueOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin") + "\n", run.StandardOutput);
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task Returns_the_exit_code_and_both_streams(ImageSandbox sandbox)
    {
        ImageRunResult run = await _image.RunAsync(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], Sandbox(sandbox));

        Assert.Equal(new ImageRunResult(3, "out\n", "err\n"), run);
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task Each_run_starts_from_the_image_as_built(ImageSandbox sandbox)
    {
        ImageRunResult write = await _image.RunAsync(["/bin/sh", "-c", "echo x > /home/hello/left-behind && cat /home/hello/left-behind"], Sandbox(sandbox));
        ImageRunResult look = await _image.RunAsync(["/bin/sh", "-c", "test -e /home/hello/left-behind"], Sandbox(sandbox));

        Assert.Equal(0, write.ExitCode);
        Assert.Equal("x\n", write.StandardOutput);
        Assert.Equal(1, look.ExitCode);
        Assert.Null(_image.File("/home/hello/left-behind"));
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task Has_no_network(ImageSandbox sandbox)
    {
        // Only a loopback interface exists in the sandbox's own network namespace.
        ImageRunResult run = await _image.RunAsync(["/bin/sh", "-c", "cat /proc/net/dev"], Sandbox(sandbox));

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] interfaces = run.StandardOutput.Split('\n').Skip(2).Where(l => l.Contains(':')).Select(l => l.Split(':')[0].Trim()).ToArray();
        Assert.Equal(["lo"], interfaces);
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task A_command_that_outlives_the_timeout_is_killed(ImageSandbox sandbox)
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            _image.RunAsync(["/bin/sh", "-c", "while :; do :; done"], Sandbox(sandbox) with { Timeout = TimeSpan.FromSeconds(2) }));

        Assert.Contains("'/bin/sh -c while :; do :; done' in the image did not finish within 00:00:02; it was killed", error.Message);
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task Output_beyond_the_limit_stops_the_run(ImageSandbox sandbox)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            _image.RunAsync(["/bin/sh", "-c", "while :; do echo 0123456789; done"], Sandbox(sandbox) with { MaxOutputBytes = 4096 }));

        Assert.Contains("wrote more than 4096 bytes to standard output", error.Message);
    }

    [Theory]
    [InlineData(ImageSandbox.Bubblewrap)]
    [InlineData(ImageSandbox.Runc)]
    public async Task A_missing_program_is_a_failed_run_saying_which(ImageSandbox sandbox)
    {
        ImageRunResult run = await _image.RunAsync(["/usr/bin/not-in-the-image"], Sandbox(sandbox));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/usr/bin/not-in-the-image", run.StandardError);
    }

    [Fact]
    public async Task Under_runc_as_root_files_keep_the_owners_the_image_gives_them()
    {
        Assert.True(NativeMethods.geteuid() == 0, "runc keeps the image's owners only when the tests run as root (as ./test.sh does)");
        ImageFile home = _image.File("/home/hello")!;

        ImageRunResult run = await _image.RunAsync(["/bin/sh", "-c", "stat -c %u:%g /usr/bin/hello /home/hello"], Sandbox(ImageSandbox.Runc));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"0:0\n{home.Uid}:{home.Gid}\n", run.StandardOutput);
    }
}
