namespace ImageDsl.Tests.Dsl;

/// <summary>`--project` failures: a project that does not compile, an assembly without images, a missing path.</summary>
[Collection(ProjectBuildCollection.Name)]
public sealed class ProjectErrorsTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-project");

    [Fact]
    public void A_project_that_does_not_compile_shows_the_IMG_errors_and_exits_2()
    {
        // A user project referencing ImageDsl the in-repository way (docs/dsl.md), with two analyzer findings.
        File.WriteAllText(_temp.Combine("Broken.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Fixtures.Repo("src", "ImageDsl.Abstractions", "ImageDsl.Abstractions.csproj")}" />
                <ProjectReference Include="{Fixtures.Repo("src", "ImageDsl.Generator", "ImageDsl.Generator.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(_temp.Combine("Broken.cs"), """
            using ImageDsl;
            [Image("broken")] [WorkDir("app")] [RunAs("ghost")] public partial class Broken;
            """);
        string yaml = _temp.Combine("broken.yaml");

        ProcessResult export = ToolProcess.Run(_temp.Path, "export", "--project", ".", "-o", yaml);

        Assert.True(export.ExitCode == 2, export.ToString());
        Assert.Contains("error IMG1002: building the project '.' failed:", export.StandardError);
        Assert.Contains("Broken.cs(2,28): error IMG0013: work-dir 'app' is not an absolute path", export.StandardError);
        Assert.Contains("Broken.cs(2,43): warning IMG0009: run-as 'ghost' is neither a declared user nor a numeric uid", export.StandardError);
        Assert.DoesNotContain("   at ", export.StandardError);
        Assert.False(File.Exists(yaml));
    }

    [Fact]
    public async Task An_image_whose_analyzer_errors_were_suppressed_is_still_validated_by_the_tool()
    {
        var (problems, output) = await InMemoryImages.CompileAsync("""
            using ImageDsl;
            namespace Acme.Images;
            #pragma warning disable IMG0013
            [Image("web")] [Package("busybox")] [WorkDir("app")] public partial class Web;
            """);
        Assert.Empty(problems);
        string dll = _temp.Combine("Acme.Images.dll");
        using (var file = File.Create(dll))
        {
            Assert.True(output.Emit(file).Success);
        }

        var (exit, stdout, stderr) = await CliRun.Run("export", "--project", dll);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Acme.Images.Web.WorkDir(0,0): error IMG0013: work-dir 'app' is not an absolute path", stderr);
    }

    [Fact]
    public async Task An_assembly_without_ImageDsl_is_refused()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "xunit.assert.dll");

        var (exit, _, stderr) = await CliRun.Run("export", "--project", dll);

        Assert.Equal(2, exit);
        Assert.Contains("does not reference ImageDsl.Abstractions, so it declares no images", stderr);
    }

    [Fact]
    public async Task An_assembly_with_no_image_says_so()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "ImageDsl.Runtime.dll");

        var (exit, _, stderr) = await CliRun.Run("build", "--project", dll, "x:latest", _temp.Combine("x.tar"));

        Assert.Equal(2, exit);
        Assert.Contains($"the project '{dll}' declares no images", stderr);
    }

    [Fact]
    public async Task A_missing_project_is_a_usage_error()
    {
        var (exit, _, stderr) = await CliRun.Run("export", "--project", _temp.Combine("nowhere"));

        Assert.Equal(2, exit);
        Assert.Contains("is neither a folder nor a file", stderr);
    }

    [Fact]
    public async Task A_configuration_and_a_project_together_are_refused()
    {
        var (exit, _, stderr) = await CliRun.Run("build", Fixtures.Repo("samples", "hello", "hello.yaml"), "--project", _temp.Path, "x:latest", _temp.Combine("x.tar"));

        Assert.Equal(2, exit);
        Assert.Contains("both a configuration", stderr);
    }

    [Fact]
    public async Task Image_without_project_is_refused_and_the_yaml_form_still_needs_its_output()
    {
        var withImage = await CliRun.Run("build", Fixtures.Repo("samples", "hello", "hello.yaml"), "x:latest", _temp.Combine("x.tar"), "--image", "x");
        var withoutOutput = await CliRun.Run("build", Fixtures.Repo("samples", "hello", "hello.yaml"), "x:latest");

        Assert.Equal(2, withImage.Exit);
        Assert.Contains("--image selects an image of a C# project, but no --project is given", withImage.Err);
        Assert.Equal(2, withoutOutput.Exit);
        Assert.Contains("the output argument is missing", withoutOutput.Err);
    }

    public void Dispose() => _temp.Dispose();
}
