using ImageDsl.Tests.Packaging;

namespace ImageDsl.Tests.Apps;

/// <summary>
/// What a new user starts from (issue 14's "done when"): in an empty folder, `dotnet new web`, then `dotnet add
/// package ImageDsl` from a local feed, then one image class over the runtime repository samples/make-runtime-repo.sh
/// makes from this machine's files. Everything offline: the template ships with the SDK, packages come from the
/// feed and this machine's package cache (<see cref="OfflineFeed"/>). The tests then run the one command.
/// </summary>
public sealed class NewWebProject : IDisposable
{
    public NewWebProject()
    {
        Steps.Add(("make-runtime-repo.sh", RuntimeRepositoryScript.Make(Work.Combine("runtime"))));
        Feed = new OfflineFeed(Work.Path, typeof(NewWebProject).Assembly);
        Step("dotnet new web", Work.Path, "new", "web", "--name", "Hello", "--output", ProjectFolder, "--no-update-check");
        Step("dotnet add package", ProjectFolder, "add", "package", "ImageDsl", "--version", Feed.Version);
        if (Succeeded)
        {
            // Relative paths, as docs/app-images.md writes them: PublishImage runs the tool in the project's folder.
            File.WriteAllText(Path.Combine(ProjectFolder, "HelloImage.cs"), """
                using ImageDsl;

                /// <summary>The app on the runtime packages, as a non-root user; the publish output goes to /app.</summary>
                [Image("hello")]
                [Repository("../runtime/repo")]
                [Keyring("../runtime/keys/runtime.rsa.pub")]
                [Arch(Arch.Amd64)]
                [Package("aspnetcore-runtime", "ca-certificates")]
                [User("app", Uid = 1654, Gid = 1654, Home = "/app")]
                [Group("app", Gid = 1654)]
                [RunAs("app")]
                [Content("$(PublishDir)", To = "/app", Owner = "app")]
                [Env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")]
                [Env("ASPNETCORE_HTTP_PORTS", "8080")]
                public partial class HelloImage;
                """);
        }
    }

    public TempDirectory Work { get; } = new("imagedsl-new-web");

    public OfflineFeed Feed { get; }

    /// <summary>The project `dotnet new web` made (assembly name Hello).</summary>
    public string ProjectFolder => Work.Combine("Hello");

    /// <summary>The set-up steps, in order; a step after a failed one is not run.</summary>
    public List<(string Step, ProcessResult Result)> Steps { get; } = [];

    private bool Succeeded => Steps.TrueForAll(s => s.Result.ExitCode == 0);

    private void Step(string name, string workingDirectory, params string[] arguments) =>
        Steps.Add((name, Succeeded ? Feed.Dotnet(workingDirectory, arguments) : new ProcessResult(-1, "", "not run: an earlier step failed")));

    /// <summary>Fails the calling test with the first failed set-up step's output unless every step succeeded.</summary>
    public void AssertReady()
    {
        Assert.Equal(3, Steps.Count);
        foreach (var (step, result) in Steps)
        {
            Assert.True(result.ExitCode == 0, step + "\n" + result);
        }
    }

    public void Dispose() => Work.Dispose();
}
