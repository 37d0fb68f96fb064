using ImageDsl.Model;
using ImageDsl.Samples;
using ImageDsl.Testing;

namespace ImageDsl.Tests;

/// <summary>The samples' service bundle, run: its entrypoint (the stand-in s6-svscan script) starts both services.</summary>
public sealed class HelloServicesRunTests
{
    [Fact]
    public async Task The_service_bundle_starts_every_service()
    {
        using var work = new TempDirectory("imagedsl-testing-services");
        using ImageUnderTest image = await TestImage.BuildAsync(
            WithShell.Add(HelloServices.Configuration, work.Combine("busybox")),
            new TestImageOptions { BaseDirectory = Fixtures.RepositoryRoot, Architecture = Architecture.Amd64 });

        ImageRunResult run = await image.RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        // The services run side by side, so their lines come in either order.
        string greeting = File.ReadAllText(Fixtures.Repo("samples", "repo", "src", "hello-world", "usr", "share", "hello", "greeting.txt"));
        string motd = File.ReadAllText(Fixtures.Repo("samples", "repo", "src", "hello-baselayout", "etc", "motd"));
        Assert.Equal(new[] { greeting, motd }.Order(StringComparer.Ordinal), SplitLines(run.StandardOutput).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> SplitLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l + "\n");
}
