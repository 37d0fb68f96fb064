namespace ImageDsl.Tests.Dsl;

/// <summary>
/// Builds samples/ImageDsl.Samples once for its test class, through the real CLI:
/// `dotnet image build --project samples/ImageDsl.Samples --image hello-minimal hello:latest project.tar`,
/// run from the repository root. The other tests reuse the built assembly (`--project &lt;dll&gt;` builds nothing).
/// </summary>
public sealed class SamplesProjectFixture : IDisposable
{
    public const string Project = "samples/ImageDsl.Samples";

    public SamplesProjectFixture()
    {
        Temp = new TempDirectory("imagedsl-samples");
        ProjectTar = Temp.Combine("project.tar");
        ProjectBuild = Run("build", "--project", Project, "--image", "hello-minimal", "hello:latest", ProjectTar);
        ProcessResult query = ProcessRunner.Run(ToolProcess.DotnetHost,
            ["msbuild", Project, "-getProperty:TargetPath", "-p:Configuration=Release", "-nologo"], Fixtures.RepositoryRoot);
        AssemblyPath = query.StandardOutput.Trim();
    }

    public TempDirectory Temp { get; }

    /// <summary>The one project build: its output, digest on the last line.</summary>
    public ProcessResult ProjectBuild { get; }

    public string ProjectTar { get; }

    /// <summary>The samples assembly the project build made.</summary>
    public string AssemblyPath { get; }

    /// <summary>Runs `dotnet image` from the repository root, caching packages in this class's temporary folder and writing no SBOMs.</summary>
    public ProcessResult Run(params string[] arguments)
    {
        string[] extra = arguments.Length > 0 && arguments[0] == "build" ? ["--sbom=false", "--vcs=false", "--cache-dir", Temp.Combine("cache")] : [];
        return ToolProcess.Run(Fixtures.RepositoryRoot, [.. arguments, .. extra]);
    }

    public void Dispose() => Temp.Dispose();
}

/// <summary>Tests that build C# projects with `dotnet build` run one after another: they share the ImageDsl projects' outputs.</summary>
[CollectionDefinition(Name)]
public sealed class ProjectBuildCollection
{
    public const string Name = "project builds";
}
