using System.Net;
using ImageDsl.Tests.Packaging;

namespace ImageDsl.Tests.Apps;

/// <summary>
/// Issue 14's first "done when", tried as a new user would: a `dotnet new web` project with the ImageDsl package
/// and one image class gives a runnable image with one command, `dotnet publish -t:PublishImage`, offline against
/// a local signed repository, and the image answers HTTP under runc.
/// </summary>
[Collection(PackingCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NewWebProjectTests(NewWebProject project) : IClassFixture<NewWebProject>
{
    [Theory]
    [InlineData("framework-dependent")]
    [InlineData("self-contained")]
    public async Task One_publish_command_gives_an_image_that_answers_http_under_runc(string kind)
    {
        project.AssertReady();
        string tar = project.Work.Combine(kind + ".tar");
        string[] selfContained = kind == "self-contained" ? ["-r", "linux-x64", "--self-contained"] : [];

        ProcessResult publish = project.Feed.Dotnet(project.ProjectFolder, ["publish", "-t:PublishImage", "-tl:off", $"-p:ContainerArchiveOutputPath={tar}", .. selfContained]);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        UnpackedImage image = UnpackedImage.From(tar, project.Work.Combine(kind));
        // Framework-dependent: the dotnet host from PATH (dotnet-runtime's /usr/bin/dotnet); self-contained: the apphost.
        Assert.Equal(kind == "self-contained" ? ["/app/Hello"] : ["dotnet", "/app/Hello.dll"], image.Entrypoint);
        Assert.Equal("1654", image.User);
        Assert.Equal("/app", image.WorkingDir);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", image.Env);
        Assert.Equal((1654, 1654), image.Owner("app/Hello.dll"));
        Assert.Contains("R:Hello.dll", image.ApkRecord("hello"));

        // The image's own port is 8080; the test listens on a free loopback port instead (the host's network).
        int port = RuncContainer.FreeLoopbackPort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var container = RuncContainer.Start(image.Bundle, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url.ToString() });
        using HttpResponseMessage answer = await container.GetWhenReadyAsync(client, url, TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Hello World!", await answer.Content.ReadAsStringAsync());

        // The template app cannot say who runs it: the host's /proc can. The image's user and work-dir reached it.
        var (status, workingDirectory) = container.HostView();
        Assert.Contains("Uid:\t1654\t1654\t1654\t1654", status);
        Assert.Contains("Gid:\t1654\t1654\t1654\t1654", status);
        Assert.Equal("/app", workingDirectory); // as the container sees it (its root is the bundle's rootfs)
    }
}
