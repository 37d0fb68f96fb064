using ImageDsl.Samples;
using ImageDsl.Testing;

namespace ImageDsl.Tests;

/// <summary>The samples' images, built in-process with ImageDsl.Testing from the bundled sample repository.</summary>
public sealed class SampleImageTests
{
    // The samples' relative paths (samples/repo, samples/keys/...) are relative to the repository root.
    private static readonly TestImageOptions Options = new() { BaseDirectory = Fixtures.RepositoryRoot };

    [Fact]
    public async Task Hello_minimal_runs_hello_as_its_own_user()
    {
        using ImageUnderTest image = await TestImage.BuildAsync(HelloMinimal.Configuration, Options);

        Assert.Equal(["/usr/bin/hello"], image.Config.Entrypoint);
        // apko writes run-as as the user's uid.
        Assert.Equal("65532", image.Config.User);
        Assert.Equal("/home/hello", image.Config.WorkingDir);
        Assert.Equal("hello from ImageDsl", image.Config.Environment["GREETING"]);
        ImageUser user = Assert.Single(image.Users, u => u.Name == "hello");
        Assert.Equal(65532, user.Uid);
        Assert.Equal("/home/hello", user.Home);
    }

    [Fact]
    public async Task Hello_minimal_installs_hello_world_with_its_binary()
    {
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(Options);

        ImageFile hello = image.File("/usr/bin/hello") ?? throw new Xunit.Sdk.XunitException("/usr/bin/hello is missing");
        Assert.True(hello.IsFile);
        Assert.Equal((0, 0), (hello.Uid, hello.Gid));
        Assert.Equal("755", Convert.ToString(hello.Mode, 8));
        Assert.Contains(image.Packages, p => p.Name == "hello-world" && p.Version == "1.0.0-r0");
        Assert.StartsWith("sha256:", image.Digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_services_derives_the_s6_entrypoint_and_package()
    {
        using ImageUnderTest image = await TestImage.BuildAsync(HelloServices.Configuration, Options);

        Assert.Equal(["/bin/s6-svscan", "/sv"], image.Config.Entrypoint);
        Assert.Contains(image.Packages, p => p.Name == "s6");
        Assert.NotNull(image.File("/sv/greeter/run"));
    }

    [Fact]
    public async Task Hello_labelled_keeps_what_it_inherits_and_overrides_the_greeting()
    {
        using ImageUnderTest image = await TestImage.BuildAsync<HelloLabelled>(Options);

        Assert.Equal(["/usr/bin/hello"], image.Config.Entrypoint);
        Assert.Equal("65532", image.Config.User);
        Assert.Equal("hello from a derived image", image.Config.Environment["GREETING"]);
        Assert.NotNull(image.File("/usr/bin/hello"));
    }

    [Fact]
    public async Task A_class_that_is_not_an_image_is_refused_with_what_to_do()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestImage.BuildAsync<SampleRepository>(Options));

        Assert.Contains("ImageDsl.Samples.SampleRepository is not a registered image", error.Message);
    }
}
