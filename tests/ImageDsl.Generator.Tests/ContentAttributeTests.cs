using ImageDsl.Model;
using ImageDsl.Tests.Support;

namespace ImageDsl.Tests;

/// <summary>`[Content]` becomes `contents.local` entries in the generated configuration, base classes first.</summary>
public class ContentAttributeTests
{
    private const string Source = """
        using ImageDsl;

        namespace Demo;

        [Repository("https://dl-cdn.alpinelinux.org/alpine/v3.20/main")]
        [Package("busybox")]
        [Content("shared/tools", Name = "tools")]
        public abstract class AppBase;

        [Image("app")]
        [User("app", Uid = 1000)]
        [Content("bin/publish", Name = "myapp", Version = "1.0.0-r0", To = "/app", Arch = "x86_64", Owner = "app")]
        public partial class App : AppBase;
        """;

    [Fact]
    public void Content_attributes_become_local_content_with_the_models_defaults_for_unset_members()
    {
        var run = GeneratorHarness.Run(Source);
        using var assembly = InMemoryAssembly.Load(run.Output);

        var configuration = (ImageConfiguration?)assembly.StaticProperty("Demo.App", "Configuration");

        Assert.Equal(
            [
                new LocalContent { Path = "shared/tools", Name = "tools" },
                new LocalContent { Path = "bin/publish", Name = "myapp", Version = "1.0.0-r0", To = "/app", Arch = "x86_64", Owner = "app" },
            ],
            configuration!.Contents.Local);
    }
}
