using ImageDsl.Tests.Dsl;

namespace ImageDsl.Tests.Apps;

/// <summary>
/// The WebApi sample made into an image once for its test class, as docs/app-images.md tells a user to:
/// samples/make-runtime-repo.sh packs this machine's C library and .NET runtime into a signed repository
/// (with this build of the tool), `dotnet publish` writes the app to samples/WebApi/bin/publish, and
/// `dotnet image build --project samples/WebApi --image ...` builds its three images into OCI layouts
/// (`webapi`; `aspnet-runtime`; `webapi-on-runtime` on top of that one), and umoci unpacks the two app
/// images into runc bundles. The tool runs in a scratch folder holding samples/runtime, where the image's
/// relative repository and key paths resolve, so the checkout gets no repository written into it.
/// </summary>
public sealed class WebApiSample : IDisposable
{
    public const string Project = "samples/WebApi";

    public WebApiSample()
    {
        string root = Fixtures.RepositoryRoot;
        RepositoryRun = MakeRuntimeRepository();
        if (RepositoryRun.ExitCode != 0)
        {
            return;
        }

        string publish = Fixtures.Repo("samples", "WebApi", "bin", "publish");
        if (Directory.Exists(publish))
        {
            Directory.Delete(publish, recursive: true); // nothing left over from an older publish reaches the image
        }
        PublishRun = ProcessRunner.Run(ToolProcess.DotnetHost, ["publish", Fixtures.Repo(Project), "-c", "Release", "-o", publish, "-nologo"], root,
            new Dictionary<string, string?> { ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0", ["MSBUILDDISABLENODEREUSE"] = "1", ["UseSharedCompilation"] = "false" },
            timeout: TimeSpan.FromMinutes(5));
        if (PublishRun.ExitCode != 0)
        {
            return;
        }

        // The app in one build; the runtime alone, where the on-base image's [BaseImage] expects it; the app on top of it.
        Steps.Add(Build("webapi", "webapi:test", Layout, "--sbom-path", Work.Combine("sbom")));
        Steps.Add(Build("aspnet-runtime", "aspnet-runtime:test", BaseLayout, "--sbom=false"));
        Steps.Add(Build("webapi-on-runtime", "webapi:test", OnBaseLayout, "--sbom-path", Work.Combine("sbom-on-base")));
        foreach (string layout in new[] { Layout, OnBaseLayout })
        {
            if (Steps.TrueForAll(s => s.Result.ExitCode == 0))
            {
                Steps.Add(("umoci unpack " + layout, ProcessRunner.Run(RequiredTool.Find("umoci", "umoci"), ["unpack", "--image", layout + ":test", Bundle(layout)])));
            }
        }
    }

    /// <summary>Runs samples/make-runtime-repo.sh with this build of the tool, writing <see cref="RuntimeRepository"/>.</summary>
    public ProcessResult MakeRuntimeRepository() => RuntimeRepositoryScript.Make(Work.Combine("samples", "runtime"));

    private (string Step, ProcessResult Result) Build(string image, string tag, string layout, params string[] options)
    {
        if (!Steps.TrueForAll(s => s.Result.ExitCode == 0))
        {
            return ("dotnet image build --image " + image, new ProcessResult(-1, "", "not run: an earlier step failed"));
        }
        Directory.CreateDirectory(layout); // an existing folder: build writes an OCI layout
        return ("dotnet image build --image " + image, ToolProcess.Run(Work.Path,
            ["build", "--project", Fixtures.Repo(Project), "--image", image, tag, layout, "--cache-dir", Work.Combine("cache"), "--vcs=false", .. options]));
    }

    public TempDirectory Work { get; } = new("imagedsl-webapi");

    /// <summary>The signed repository make-runtime-repo.sh wrote (one folder per apk architecture).</summary>
    public string RuntimeRepository => Work.Combine("samples", "runtime", "repo");

    /// <summary>The `webapi` image: runtime and app in one build.</summary>
    public string Layout => Work.Combine("layout");

    /// <summary>The `aspnet-runtime` image, at the path `webapi-on-runtime`'s [BaseImage] names (relative to <see cref="Work"/>).</summary>
    public string BaseLayout => Work.Combine("samples", "runtime", "aspnet-runtime");

    /// <summary>The `webapi-on-runtime` image: the app as one layer on <see cref="BaseLayout"/>.</summary>
    public string OnBaseLayout => Work.Combine("layout-on-base");

    /// <summary>The runc bundle umoci made from a layout: config.json and rootfs/.</summary>
    public static string Bundle(string layout) => layout + "-bundle";

    public static string RootFs(string layout) => Path.Combine(Bundle(layout), "rootfs");

    public ProcessResult RepositoryRun { get; }

    public ProcessResult? PublishRun { get; }

    /// <summary>The builds and unpacks, in order; a step after a failed one is not run.</summary>
    public List<(string Step, ProcessResult Result)> Steps { get; } = [];

    /// <summary>Fails the calling test with the first failed step's output unless every step succeeded.</summary>
    public void AssertBuilt()
    {
        Assert.True(RepositoryRun.ExitCode == 0, "make-runtime-repo.sh\n" + RepositoryRun);
        Assert.True(PublishRun is { ExitCode: 0 }, "dotnet publish\n" + PublishRun);
        Assert.Equal(5, Steps.Count);
        foreach (var (step, result) in Steps)
        {
            Assert.True(result.ExitCode == 0, step + "\n" + result);
        }
    }

    public void Dispose() => Work.Dispose();
}
