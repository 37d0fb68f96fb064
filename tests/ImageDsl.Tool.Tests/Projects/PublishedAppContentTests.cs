using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tests.Projects;

/// <summary>How a published app goes into a C# image: the declared content, or the default app package, entrypoint, work-dir and architecture.</summary>
public sealed class PublishedAppContentTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-app-content");

    private static ProjectImage Image(ImageConfiguration configuration) => new("web", "Acme.WebImage", configuration);

    private static ImageConfiguration WithContent(params LocalContent[] local) =>
        new() { Contents = new ImageContents { Packages = ["hello-baselayout"], Local = [.. local] } };

    private PublishedApp App(bool selfContained = false, string? rid = null) =>
        PublishedApp.Read(PublishedAppTests.PublishFolder(_temp, "WebApp", selfContained, rid, PublishedAppTests.ElfHeader(0x3E)), null, "2.0.0");

    private string Project => _temp.Combine("Web.csproj");

    [Fact]
    public void The_PublishDir_token_becomes_the_publish_folder_with_the_app_s_name_version_and_architecture()
    {
        PublishedApp app = App(selfContained: true, rid: "linux-x64");
        var declared = new LocalContent { Path = "$(PublishDir)", To = "/srv/web", Owner = "app" };

        ImageConfiguration result = PublishedAppContent.Apply(Image(WithContent(declared)), Project, app).Configuration;

        LocalContent content = Assert.Single(result.Contents.Local);
        Assert.Equal(app.Folder, content.Path);
        Assert.Equal("webapp", content.Name);
        Assert.Equal("2.0.0-r0", content.Version);
        Assert.Equal("x86_64", content.Arch);
        Assert.Equal("/srv/web", content.To);
        Assert.Equal("app", content.Owner);
        Assert.Equal("/srv/web/WebApp", result.Entrypoint?.Command);
        Assert.Equal("/srv/web", result.WorkDir);
        Assert.Equal([Architecture.Amd64], result.Archs);
    }

    [Fact]
    public void What_the_content_declares_is_kept()
    {
        var declared = new LocalContent { Path = "$(PublishDir)", Name = "web", Version = "9.9-r1", To = "/app" };
        LocalContent content = Assert.Single(PublishedAppContent.Apply(Image(WithContent(declared)), Project, App()).Configuration.Contents.Local);
        Assert.Equal(("web", "9.9-r1", "noarch"), (content.Name, content.Version, content.Arch));
    }

    [Fact]
    public void Without_content_for_it_the_app_is_added_under_slash_app_owned_by_root_beside_other_content()
    {
        var other = new LocalContent { Path = "config", Name = "web-config", To = "/etc/web" };
        PublishedApp app = App();

        ImageConfiguration result = PublishedAppContent.Apply(Image(WithContent(other)), Project, app).Configuration;

        Assert.Equal(2, result.Contents.Local.Count);
        Assert.Equal(other, result.Contents.Local[0]);
        LocalContent added = result.Contents.Local[1];
        Assert.Equal((app.Folder, "/app", "webapp", "2.0.0-r0", "noarch", "root"), (added.Path, added.To, added.Name, added.Version, added.Arch, added.Owner));
        Assert.Equal("dotnet /app/WebApp.dll", result.Entrypoint?.Command);
        Assert.Equal("/app", result.WorkDir);
        Assert.True(result.Archs.IsEmpty); // portable: the image's own architectures
    }

    [Fact]
    public void A_content_naming_the_publish_folder_itself_is_the_app()
    {
        PublishedApp app = App();
        string relative = Path.GetRelativePath(_temp.Path, app.Folder);
        var declared = new LocalContent { Path = relative, Name = "mine", To = "/opt/mine" };

        ImageConfiguration result = PublishedAppContent.Apply(Image(WithContent(declared)), Project, app).Configuration;

        Assert.Equal(declared, Assert.Single(result.Contents.Local));
        Assert.Equal("dotnet /opt/mine/WebApp.dll", result.Entrypoint?.Command);
    }

    [Fact]
    public void The_image_s_own_entrypoint_and_work_dir_win()
    {
        ImageConfiguration declared = WithContent() with
        {
            Entrypoint = new ImageEntrypoint { Command = "/usr/bin/tini -- dotnet /app/WebApp.dll" },
            WorkDir = "/data",
        };
        ImageConfiguration result = PublishedAppContent.Apply(Image(declared), Project, App()).Configuration;
        Assert.Equal("/usr/bin/tini -- dotnet /app/WebApp.dll", result.Entrypoint?.Command);
        Assert.Equal("/data", result.WorkDir);
    }

    [Fact]
    public void An_app_for_an_architecture_the_image_is_not_built_for_is_an_error()
    {
        ImageConfiguration declared = WithContent() with { Archs = [Architecture.Arm64] };
        ImageDslException error = Assert.Throws<ImageDslException>(() => PublishedAppContent.Apply(Image(declared), Project, App(rid: "linux-x64")));
        Assert.Contains("the app was published for amd64, but image 'web' (Acme.WebImage) is built for arm64", error.Message);
        Assert.Contains("-r linux-arm64", error.Hint);

        ImageConfiguration both = WithContent() with { Archs = [Architecture.Amd64, Architecture.Arm64] };
        Assert.Equal([Architecture.Amd64], PublishedAppContent.Apply(Image(both), Project, App(rid: "linux-x64")).Configuration.Archs);
    }

    [Fact]
    public void The_token_without_a_publish_folder_is_an_error_that_says_how_to_give_one()
    {
        var declared = new LocalContent { Path = "$(PublishDir)", To = "/app" };
        ImageDslException error = Assert.Throws<ImageDslException>(() => PublishedAppContent.Apply(Image(WithContent(declared)), Project, null));
        Assert.Contains("image 'web' (Acme.WebImage) installs $(PublishDir), the publish output, but none was given", error.Message);
        Assert.Contains("dotnet publish -t:PublishImage", error.Hint);
        Assert.Contains("--publish-dir", error.Hint);

        ProjectImage untouched = Image(WithContent(new LocalContent { Path = "bin", Name = "x" }));
        Assert.Same(untouched, PublishedAppContent.Apply(untouched, Project, null));
    }

    public void Dispose() => _temp.Dispose();
}
