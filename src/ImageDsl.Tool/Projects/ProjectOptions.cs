using System.CommandLine;

namespace ImageDsl.Tool.Projects;

/// <summary>`--project`, `--image` and `--framework`: where C# images come from (every command that reads an image).</summary>
internal sealed class ProjectOptions
{
    public Option<string?> Project { get; } = new("--project")
    {
        Description = "A C# project declaring images: its folder, its .csproj, or its built .dll. It is built with `dotnet build -c Release` " +
            "(a .dll is used as it is). Relative paths in the images resolve against the working directory, as in apko.yaml.",
    };

    public Option<string?> Image { get; } = new("--image") { Description = "The image to use, by its [Image] name (needed when the project declares several)." };

    public Option<string?> Framework { get; } = new("--framework")
    {
        Description = "The target framework to build, for a project with several (TargetFrameworks), e.g. net10.0.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Project);
        command.Options.Add(Image);
        command.Options.Add(Framework);
    }
}
