using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Dsl;

/// <summary>`dotnet image lock --project` writes &lt;image name&gt;.lock.json where the project's analyzers and plan find it.</summary>
public sealed class ProjectLockLocationTests
{
    [Fact]
    public void A_project_folder_or_file_locks_into_its_folder_and_a_built_dll_into_the_working_directory()
    {
        using var work = new TempDirectory();
        string project = work.Combine("app");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "App.csproj"), "<Project />");

        Assert.Equal(project, ImageSourceOptions.ProjectFolder(project));
        Assert.Equal(project, ImageSourceOptions.ProjectFolder(Path.Combine(project, "App.csproj")));
        Assert.Null(ImageSourceOptions.ProjectFolder(Path.Combine(project, "bin", "Release", "net10.0", "App.dll")));
    }

    [Fact]
    public async Task An_image_name_that_is_not_a_file_name_is_refused_rather_than_written_outside_the_folder()
    {
        using var work = new TempDirectory();
        string dll = InMemoryImages.EmitAssembly(work.Combine("bin"), """
            using ImageDsl;
            [Image("../escaped")] [Repository("/nonexistent/repo")] [Package("busybox")] public partial class Escaped;
            """);

        var locked = await CliRun.Run("lock", "--project", dll);

        Assert.Equal(2, locked.Exit);
        Assert.Contains("the image name '../escaped' cannot be a file name", locked.Err);
        Assert.Contains("--output", locked.Err);
        Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "..", "escaped.lock.json")));
    }
}
