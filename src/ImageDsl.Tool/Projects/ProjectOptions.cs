using System.CommandLine;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// `--project`, `--image` and `--framework`: where C# images come from (every command that reads an image); `--publish-dir`
/// (with `--app-assembly`, `--app-version`): the published app that goes into it.
/// </summary>
internal sealed class ProjectOptions
{
    public Option<string?> Project { get; } = new("--project")
    {
        Description = "A C# project declaring images: its folder, its .csproj, or its built .dll. It is built with `dotnet build -c Release` " +
            "(a .dll is used as it is). Relative paths in the images resolve against the working directory, as in apko.yaml.",
    };

    public Option<string?> Image { get; } = new("--image") { Description = "The image to use, by its [Image] name or its class name (needed when the project declares several)." };

    public Option<string?> Framework { get; } = new("--framework")
    {
        Description = "The target framework to build, for a project with several (TargetFrameworks), e.g. net10.0.",
    };

    public Option<string?> PublishDir { get; } = new("--publish-dir")
    {
        Description = "A `dotnet publish` output to install as the image's app package (what `dotnet publish -t:PublishImage` passes): " +
            "it fills a [Content(\"$(PublishDir)\")], or is added under /app; an image without an entrypoint then starts the app (docs/msbuild.md).",
    };

    public Option<string?> AppAssembly { get; } = new("--app-assembly")
    {
        Description = "The app's entry assembly in --publish-dir (e.g. MyApp.dll); needed only when the folder holds several apps.",
    };

    public Option<string?> AppVersion { get; } = new("--app-version")
    {
        Description = "The app package's version: a .NET version (1.2.3, 1.2.3-beta.1) or an apk version (1.2.3-r0). Default 0-r0.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Project);
        command.Options.Add(Image);
        command.Options.Add(Framework);
        command.Options.Add(PublishDir);
        command.Options.Add(AppAssembly);
        command.Options.Add(AppVersion);
    }

    /// <summary>The published app of `--publish-dir`, read before the project is built so a wrong folder fails fast.</summary>
    public PublishedApp? ReadApp(ParseResult parse)
    {
        string? assembly = parse.GetValue(AppAssembly);
        string? version = parse.GetValue(AppVersion);
        if (parse.GetValue(PublishDir) is { } publishDir)
        {
            return PublishedApp.Read(publishDir, assembly, version);
        }
        if (assembly is not null || version is not null)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"{(assembly is not null ? "--app-assembly" : "--app-version")} describes the app of --publish-dir, but no --publish-dir is given",
                "Add --publish-dir <the dotnet publish output>, or leave the option out.");
        }
        return null;
    }
}
