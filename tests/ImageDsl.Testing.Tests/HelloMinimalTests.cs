using ImageDsl.Samples;
using ImageDsl.Testing;

namespace MyImages.Tests;

public sealed class HelloMinimalTests
{
    // The samples' paths (samples/repo, samples/keys/sample.rsa.pub) are relative to the repository root.
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
}
