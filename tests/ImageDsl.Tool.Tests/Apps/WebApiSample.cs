using ImageDsl.Tests.Dsl;

namespace ImageDsl.Tests.Apps;

/// <summary>
/// The WebApi sample made into an image once for its test class, as docs/app-images.md tells a user to:
/// samples/make-runtime-repo.sh packs this machine's C library and .NET runtime into a signed repository
/// (with this build of the tool), `dotnet publish` writes the app to samples/WebApi/bin/publish, and
/// `dotnet image build --project samples/WebApi` builds the image into an OCI layout, which umoci unpacks
/// into a runc bundle. The tool runs in a scratch folder holding samples/runtime, where the image's
/// relative repository and key paths resolve, so the checkout gets no repository written into it.
/// </summary>
public sealed class WebApiSample : IDisposable
{
    public const string Project = "samples/WebApi";

    public WebApiSample()
    {
        string root = Fixtures.RepositoryRoot;
        string bash = RequiredTool.Find("bash", "bash");
        RequiredTool.Find("dpkg-query", "dpkg");
        RepositoryRun = ProcessRunner.Run(bash, [Fixtures.Repo("samples", "make-runtime-repo.sh"), Work.Combine("samples", "runtime")], root,
            new Dictionary<string, string?> { ["IMAGEDSL_TOOL_DLL"] = Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll") },
            timeout: TimeSpan.FromMinutes(5));
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

        Directory.CreateDirectory(Layout); // an existing folder: build writes an OCI layout
        BuildRun = ToolProcess.Run(Work.Path, "build", "--project", Fixtures.Repo(Project), "webapi:test", Layout,
            "--sbom-path", Work.Combine("sbom"), "--cache-dir", Work.Combine("cache"), "--vcs=false");
        if (BuildRun.ExitCode != 0)
        {
            return;
        }
        UnpackRun = ProcessRunner.Run(RequiredTool.Find("umoci", "umoci"), ["unpack", "--image", Layout + ":test", Bundle]);
    }

    public TempDirectory Work { get; } = new("imagedsl-webapi");

    public string Layout => Work.Combine("layout");

    /// <summary>The runc bundle umoci made from the image: config.json and rootfs/.</summary>
    public string Bundle => Work.Combine("bundle");

    public string RootFs => Path.Combine(Bundle, "rootfs");

    public ProcessResult RepositoryRun { get; }

    public ProcessResult? PublishRun { get; }

    public ProcessResult? BuildRun { get; }

    public ProcessResult? UnpackRun { get; }

    /// <summary>Fails the calling test with the first step's output unless every step succeeded.</summary>
    public void AssertBuilt()
    {
        Assert.True(RepositoryRun.ExitCode == 0, "make-runtime-repo.sh\n" + RepositoryRun);
        Assert.True(PublishRun is { ExitCode: 0 }, "dotnet publish\n" + PublishRun);
        Assert.True(BuildRun is { ExitCode: 0 }, "dotnet image build\n" + BuildRun);
        Assert.True(UnpackRun is { ExitCode: 0 }, "umoci unpack\n" + UnpackRun);
    }

    public void Dispose() => Work.Dispose();
}
