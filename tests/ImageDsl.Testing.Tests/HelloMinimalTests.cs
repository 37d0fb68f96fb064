using ImageDsl.Samples;
using ImageDsl.Testing;

namespace MyImages.Tests;

public sealed class HelloMinimalTests
{
    // The samples' paths (samples/repo, samples/keys/sample.rsa.pub) are relative to the repository root,
    // two folders above this project; tests run in bin/<configuration>/<framework> below it.
    private static readonly TestImageOptions Options = new()
    {
        BaseDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")),
    };

    [Fact]
    public async Task Runs_hello_as_the_hello_user()
    {
        using ImageUnderTest image = await TestImage.BuildAsync(HelloMinimal.Configuration, Options);

        Assert.Equal(["/usr/bin/hello"], image.Config.Entrypoint);
        Assert.Equal("65532", image.Config.User);          // apko writes run-as as the uid
        Assert.Equal("/home/hello", image.Config.WorkingDir);
        ImageUser user = Assert.Single(image.Users, u => u.Name == "hello");
        Assert.Equal(65532, user.Uid);
    }

    [Fact]
    public async Task Installs_the_hello_binary_owned_by_root()
    {
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(Options);

        ImageFile? hello = image.File("/usr/bin/hello");
        Assert.NotNull(hello);
        Assert.True(hello.IsFile);
        Assert.Equal((0, 0), (hello.Uid, hello.Gid));
        Assert.Equal("755", Convert.ToString(hello.Mode, 8));
        Assert.Contains(image.Packages, p => p.Name == "hello-world");
    }

    [Fact]
    public async Task Its_sbom_lists_hello_world_with_version_licence_and_purl()
    {
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(Options);

        SbomEntry hello = Assert.Single(image.Sbom.Packages, p => p.Name == "hello-world");
        Assert.Equal("1.0.0-r0", hello.Version);
        Assert.Equal("MIT", hello.License);
        Assert.Equal("pkg:apk/imagedsl-sample/hello-world@1.0.0-r0?arch=x86_64", hello.Purl);
    }

    [Fact]
    public async Task Its_entrypoint_cannot_start_without_a_shell()
    {
        using ImageUnderTest image = await TestImage.BuildAsync<HelloMinimal>(Options);

        // Runs the entrypoint as the image's user, in its work dir, with bubblewrap or runc.
        // /usr/bin/hello is a `#!/bin/sh` script and the sample repository ships no /bin/sh.
        ImageRunResult run = await image.RunAsync();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/usr/bin/hello", run.StandardError);
    }
}
