using System.Text.Json.Nodes;
using ImageDsl.Tests.Registry;

namespace ImageDsl.Tests.Packaging;

/// <summary>
/// `dotnet publish -t:PublishImage` as a user runs it: the ImageDsl package packed into a local feed, a console
/// app that references it and declares two image classes over the sample repository, restored offline (the feed
/// and this machine's package cache only) and published; the images are checked with skopeo and umoci.
/// </summary>
[Collection(PackingCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PublishImageTests : IClassFixture<PublishImageTests.AppProject>
{
    private readonly AppProject _app;

    public PublishImageTests(AppProject app) => _app = app;

    [Fact]
    public void Without_ImageClass_two_image_classes_fail_clearly_and_write_nothing()
    {
        string tar = _app.Work.Combine("none.tar");
        ProcessResult publish = _app.Publish($"-p:ContainerArchiveOutputPath={tar}");
        Assert.NotEqual(0, publish.ExitCode);
        string output = publish.StandardOutput + publish.StandardError;
        Assert.Contains("error IMG1002: the project", output);
        Assert.Contains("declares 2 images: hello-app, plain", output);
        Assert.Contains("-p:ImageClass=<name>", output); // the hint, on the error's own line
        Assert.DoesNotContain("IMG2006", output); // one error, not a second "the tool failed"
        Assert.False(File.Exists(tar));
    }

    [Fact]
    public void Two_destinations_at_once_are_refused_by_the_targets()
    {
        string tar = _app.Work.Combine("both.tar");
        ProcessResult publish = _app.Publish("-p:ImageClass=plain", $"-p:ContainerArchiveOutputPath={tar}", $"-p:ImageLayoutOutputPath={_app.Work.Combine("both")}");
        Assert.NotEqual(0, publish.ExitCode);
        Assert.Contains("error IMG2005: ContainerArchiveOutputPath", publish.StandardOutput);
        Assert.False(File.Exists(tar));
    }

    [Fact]
    public void A_builder_that_fails_without_an_error_line_still_fails_the_publish_with_its_exit_code()
    {
        // Not a program at all: the dotnet host refuses it with its own message, which is no IMG error.
        string notATool = Path.Combine(_app.ProjectFolder, "Program.cs");
        ProcessResult publish = _app.Publish("-p:ImageClass=plain", $"-p:ImageDslToolPath={notATool}", $"-p:ContainerArchiveOutputPath={_app.Work.Combine("crash.tar")}");
        Assert.NotEqual(0, publish.ExitCode);
        Assert.Matches("error IMG2006: the image build failed: dotnet image exited with code [1-9][0-9]*", publish.StandardOutput);
        Assert.False(File.Exists(_app.Work.Combine("crash.tar")));
    }

    [Fact]
    public void An_ASP_NET_Core_app_publishes_to_an_image_too()
    {
        // The tool reads the image class from an assembly that references the ASP.NET Core shared framework.
        string web = _app.Work.Combine("web");
        Directory.CreateDirectory(web);
        File.WriteAllText(Path.Combine(web, "Web.csproj"), File.ReadAllText(Path.Combine(_app.ProjectFolder, "App.csproj"))
            .Replace("Microsoft.NET.Sdk", "Microsoft.NET.Sdk.Web", StringComparison.Ordinal)
            .Replace("<Nullable>enable</Nullable>", "<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(web, "Program.cs"), """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/", () => "hello");
            app.Run();
            """);
        File.WriteAllText(Path.Combine(web, "WebImage.cs"), File.ReadAllText(Path.Combine(_app.ProjectFolder, "Images.cs")));
        string tar = _app.Work.Combine("web.tar");

        ProcessResult publish = _app.Dotnet(web, "publish", "-t:PublishImage", "-tl:off", "-p:ImageClass=plain", $"-p:ContainerArchiveOutputPath={tar}");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        UnpackedImage image = UnpackedImage.From(tar, _app.Work.Combine("web-image"));
        Assert.Equal(["dotnet", "/app/Web.dll"], image.Entrypoint);
        Assert.Contains("\"Microsoft.AspNetCore.App\"", File.ReadAllText(image.Path("app/Web.runtimeconfig.json")));
        Assert.Contains("R:Web.dll", image.ApkRecord("web"));
    }

    [Fact]
    public void A_class_library_is_not_an_app_to_put_in_an_image()
    {
        string library = _app.Work.Combine("library");
        Directory.CreateDirectory(library);
        File.WriteAllText(Path.Combine(library, "Library.csproj"), File.ReadAllText(Path.Combine(_app.ProjectFolder, "App.csproj"))
            .Replace("<OutputType>Exe</OutputType>", "<OutputType>Library</OutputType>", StringComparison.Ordinal));
        ProcessResult publish = _app.Dotnet(library, "publish", "-t:PublishImage", "-tl:off");
        Assert.NotEqual(0, publish.ExitCode);
        Assert.Contains("error IMG2002: PublishImage needs an app: this project's OutputType is 'Library'", publish.StandardOutput);
    }

    [Fact]
    public void A_framework_dependent_app_is_the_declared_content_and_runs_with_dotnet()
    {
        string tar = _app.Work.Combine("fd.tar");
        ProcessResult publish = _app.Publish("-p:ImageClass=hello-app", $"-p:ContainerArchiveOutputPath={tar}");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains("[config] app app 1.2.3-r0 (framework-dependent, any architecture)", publish.StandardOutput);

        UnpackedImage image = UnpackedImage.From(tar, _app.Work.Combine("fd"));
        Assert.Equal(["dotnet", "/app/App.dll"], image.Entrypoint);
        Assert.Equal("/app", image.WorkingDir);
        Assert.Equal("1000", image.User);
        Assert.Equal("amd64", image.Architecture);
        // The publish output, owned by the user the [Content] names.
        Assert.Equal((1000, 1000), image.Owner("app/App.dll"));
        Assert.Equal((1000, 1000), image.Owner("app/App.runtimeconfig.json"));
        Assert.Equal((1000, 1000), image.Owner("app"));
        Assert.Contains("\"Microsoft.NETCore.App\"", File.ReadAllText(image.Path("app/App.runtimeconfig.json")));

        string[] record = image.ApkRecord("app");
        Assert.Contains("V:1.2.3-r0", record); // from the project's <Version>
        Assert.Contains("A:noarch", record); // portable IL
        Assert.Contains("R:App.dll", record);
        Assert.Contains("app=1.2.3-r0", image.World);
        Assert.Contains(image.World, w => w.StartsWith("hello-baselayout", StringComparison.Ordinal));

        // Publishing again gives the same image, byte for byte.
        ProcessResult again = _app.Publish("-p:ImageClass=hello-app", $"-p:ContainerArchiveOutputPath={_app.Work.Combine("fd-again.tar")}");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(Digest(publish), Digest(again));
    }

    /// <summary>The image digest the tool printed (its one line of standard output, logged by MSBuild).</summary>
    private static string Digest(ProcessResult publish) =>
        publish.StandardOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("sha256:", StringComparison.Ordinal));

    [Fact]
    public void An_image_without_content_gets_the_app_under_slash_app_owned_by_root()
    {
        string layout = _app.Work.Combine("plain-layout");
        ProcessResult publish = _app.Publish("-p:ImageClass=PlainImage", $"-p:ImageLayoutOutputPath={layout}/", "-p:ContainerImageTag=v7");
        Assert.True(publish.ExitCode == 0, publish.ToString());

        UnpackedImage image = UnpackedImage.FromLayout(layout, "v7", _app.Work.Combine("plain"));
        Assert.Equal(["dotnet", "/app/App.dll"], image.Entrypoint);
        Assert.Equal("/app", image.WorkingDir);
        Assert.Equal((0, 0), image.Owner("app/App.dll"));
        Assert.Contains("V:1.2.3-r0", image.ApkRecord("app"));
    }

    [Fact]
    public void ImageDslCompression_chooses_the_layer_compression()
    {
        string layout = _app.Work.Combine("zstd-layout");
        ProcessResult publish = _app.Publish("-p:ImageClass=plain", $"-p:ImageLayoutOutputPath={layout}/", "-p:ImageDslCompression=zstd:5");
        Assert.True(publish.ExitCode == 0, publish.ToString());

        ImageDsl.Tests.Build.LayoutFirstLayer.AssertZstd(layout);
    }

    [Fact]
    public void A_self_contained_app_starts_with_its_apphost_and_is_filed_under_its_architecture()
    {
        // A folder (ending in a slash) gets <repository>.tar inside.
        string folder = _app.Work.Combine("sc-out") + "/";
        ProcessResult publish = _app.Publish("-r", "linux-x64", "--self-contained", "-p:ImageClass=hello-app", $"-p:ContainerArchiveOutputPath={folder}");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        string tar = folder + "app.tar";
        Assert.True(File.Exists(tar), publish.StandardOutput);

        UnpackedImage image = UnpackedImage.From(tar, _app.Work.Combine("sc"));
        Assert.Equal(["/app/App"], image.Entrypoint);
        Assert.Equal("amd64", image.Architecture);
        Assert.Equal((1000, 1000), image.Owner("app/App"));
        Assert.True(File.Exists(image.Path("app/libcoreclr.so")));
        Assert.Contains("A:x86_64", image.ApkRecord("app"));
        if (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            // The packed app is a working program (running the image itself is the runc tests' job).
            ProcessResult run = ProcessRunner.Run(image.Path("app/App"), [], workingDirectory: image.Path("app"), timeout: TimeSpan.FromMinutes(1));
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("hello from the app\n", run.StandardOutput);
        }
    }

    [Fact]
    public void With_ContainerRegistry_the_image_is_pushed_to_every_tag()
    {
        using TestRegistry registry = TestRegistry.Start();
        ProcessResult publish = _app.Publish("-p:ImageClass=hello-app", $"-p:ContainerRegistry={registry.Host}",
            "-p:ContainerRepository=team/app", "-p:ContainerImageTags=\"1.2.3;latest\"");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains($"image pushed to {registry.Host}/team/app:1.2.3, {registry.Host}/team/app:latest", publish.StandardOutput);

        string skopeo = RequiredTool.Find("skopeo", "skopeo");
        foreach (string tag in new[] { "1.2.3", "latest" })
        {
            ProcessResult config = ProcessRunner.Run(skopeo, ["inspect", "--tls-verify=false", "--config", $"docker://{registry.Host}/team/app:{tag}"]);
            Assert.True(config.ExitCode == 0, config.ToString());
            JsonNode node = JsonNode.Parse(config.StandardOutput)!;
            Assert.Equal(["dotnet", "/app/App.dll"], node["config"]!["Entrypoint"]!.AsArray().Select(e => (string)e!));
        }
    }

    /// <summary>
    /// The ImageDsl package packed into a feed, and an app project that restores from it and this machine's
    /// package cache only (no network), into a package folder of its own (a stale ImageDsl must not stand in).
    /// </summary>
    public sealed class AppProject : IDisposable
    {
        public AppProject()
        {
            Feed = new OfflineFeed(Work.Path, typeof(PublishImageTests).Assembly);
            string version = Feed.Version;
            Directory.CreateDirectory(ProjectFolder);
            File.WriteAllText(Path.Combine(ProjectFolder, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <Version>1.2.3</Version>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="ImageDsl" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(ProjectFolder, "Program.cs"), "System.Console.WriteLine(\"hello from the app\");\n");
            string repository = Fixtures.Repo("samples", "repo");
            string key = Fixtures.Repo("samples", "keys", "sample.rsa.pub");
            File.WriteAllText(Path.Combine(ProjectFolder, "Images.cs"), $$"""
                using ImageDsl;

                [Repository(@"{{repository}}")]
                [Keyring(@"{{key}}")]
                [Arch(Arch.Amd64)]
                [Package("hello-baselayout")]
                public abstract class SampleRepository;

                /// <summary>The publish output as declared content, owned by the user the app runs as.</summary>
                [Image("hello-app")]
                [User("app", Uid = 1000, Gid = 1000)]
                [Group("app", Gid = 1000)]
                [RunAs("app")]
                [Content("$(PublishDir)", To = "/app", Owner = "app")]
                public partial class HelloApp : SampleRepository;

                /// <summary>No content and no entrypoint: the app package is added with its defaults.</summary>
                [Image("plain")]
                public partial class PlainImage : SampleRepository;
                """);
        }

        public TempDirectory Work { get; } = new("imagedsl-publish-image");

        public OfflineFeed Feed { get; }

        public string ProjectFolder => Work.Combine("app");

        /// <summary>`dotnet publish -t:PublishImage` in the app's folder with <paramref name="arguments"/>.</summary>
        public ProcessResult Publish(params string[] arguments) =>
            Dotnet(ProjectFolder, ["publish", "-t:PublishImage", "-tl:off", .. arguments]);

        public void Dispose() => Work.Dispose();

        /// <summary>`dotnet` with the fixture's offline package setup, in <paramref name="workingDirectory"/>.</summary>
        public ProcessResult Dotnet(string workingDirectory, params string[] arguments) => Feed.Dotnet(workingDirectory, arguments);
    }
}
