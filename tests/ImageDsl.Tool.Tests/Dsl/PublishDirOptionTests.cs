using ImageDsl.Tests.Projects;

namespace ImageDsl.Tests.Dsl;

/// <summary>
/// `--publish-dir` (what `dotnet publish -t:PublishImage` passes) on the commands that read a C# image: the app goes in
/// as the build puts it, a class that asks for the publish output without one fails, and it needs a project.
/// </summary>
public sealed class PublishDirOptionTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-publish-dir");

    private async Task<string> CompileAsync(string source)
    {
        var (problems, output) = await InMemoryImages.CompileAsync(source);
        Assert.Empty(problems);
        string dll = _temp.Combine($"Images{Guid.NewGuid():N}.dll");
        using (FileStream file = File.Create(dll))
        {
            Assert.True(output.Emit(file).Success);
        }
        return dll;
    }

    [Fact]
    public async Task Show_config_shows_the_app_package_entrypoint_and_work_dir_the_build_would_use()
    {
        string dll = await CompileAsync("""
            using ImageDsl;
            [Image("web")] [Package("hello-baselayout")] [User("app", Uid = 1000)] [RunAs("app")]
            [Content("$(PublishDir)", To = "/srv", Owner = "app")]
            public partial class Web;
            """);
        string publish = PublishedAppTests.PublishFolder(_temp, "WebApp", selfContained: false, rid: null, appHost: null);

        var (exit, stdout, stderr) = await CliRun.Run("show-config", "--project", dll, "--publish-dir", publish, "--app-version", "3.1.0-rc.2");

        Assert.True(exit == 0, stderr);
        Assert.Contains("command: dotnet /srv/WebApp.dll", stdout);
        Assert.Contains("work-dir: /srv", stdout);
        Assert.Contains($"path: {publish}", stdout);
        Assert.Contains("name: webapp", stdout);
        Assert.Contains("version: 3.1.0_rc2-r0", stdout);
    }

    [Fact]
    public async Task A_class_that_installs_the_publish_output_needs_one()
    {
        string dll = await CompileAsync("""
            using ImageDsl;
            [Image("web")] [Package("hello-baselayout")] [Content("$(PublishDir)", To = "/app")]
            public partial class Web;
            """);

        foreach (string[] command in new[] { new[] { "show-config", "--project", dll }, ["export", "--project", dll, "-o", _temp.Combine("web.yaml")] })
        {
            var (exit, _, stderr) = await CliRun.Run(command);
            Assert.Equal(2, exit);
            Assert.Contains("error IMG1002: image 'web' (Web) installs $(PublishDir), the publish output, but none was given", stderr);
            Assert.Contains("hint: Build it with `dotnet publish -t:PublishImage`", stderr);
        }
        Assert.False(File.Exists(_temp.Combine("web.yaml")));
    }

    [Fact]
    public async Task The_app_options_need_a_project_and_a_publish_folder()
    {
        var (exit, _, stderr) = await CliRun.Run("show-config", Fixtures.Repo("samples", "hello", "hello.yaml"), "--publish-dir", _temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("--publish-dir puts an app into a C# image, but no --project is given", stderr);

        string dll = await CompileAsync("""using ImageDsl; [Image("web")] [Package("hello-baselayout")] public partial class Web;""");
        (exit, _, stderr) = await CliRun.Run("show-config", "--project", dll, "--app-version", "1.0.0");
        Assert.Equal(2, exit);
        Assert.Contains("--app-version describes the app of --publish-dir, but no --publish-dir is given", stderr);
    }

    public void Dispose() => _temp.Dispose();
}
