using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// Puts a published app (<see cref="PublishedApp"/>) into a C# image as its app package, the way a .NET
/// developer expects from `dotnet publish -t:PublishImage`:
/// <list type="bullet">
/// <item>a <c>[Content("$(PublishDir)", ...)]</c> gets the publish folder (and, where it leaves them out, the app's
/// package name, version and architecture); a <c>[Content]</c> whose folder already is the publish folder is used as declared;</item>
/// <item>otherwise the app package is added: the assembly name in lower case, the project's version, installed
/// under <c>/app</c> and owned by root (so the app cannot rewrite itself);</item>
/// <item>an image that declares no entrypoint starts the app (the apphost when self-contained, else
/// <c>dotnet /app/App.dll</c>), one without a work-dir runs in the app's folder;</item>
/// <item>an app published for one architecture (a runtime identifier) builds the image for that architecture only.</item>
/// </list>
/// </summary>
internal static class PublishedAppContent
{
    /// <summary>Where the app goes when the image does not say.</summary>
    public const string DefaultFolder = "/app";

    /// <summary>The image with the app in it; without an app, checks that nothing asks for one.</summary>
    /// <param name="image">The image as the project declares it.</param>
    /// <param name="projectPath">The project (its folder resolves relative <c>[Content]</c> paths).</param>
    /// <param name="app">The publish output, or null when none was given.</param>
    /// <exception cref="ImageDslException">The image asks for a publish output and none was given, or cannot hold the app (exit 2).</exception>
    public static ProjectImage Apply(ProjectImage image, string projectPath, PublishedApp? app)
    {
        ImageConfiguration configuration = image.Configuration;
        ValueList<LocalContent> local = configuration.Contents.Local;
        if (app is null)
        {
            if (local.Any(IsToken))
            {
                throw new ImageDslException(ErrorKind.Configuration,
                    $"image '{image.Name}' ({image.TypeName}) installs {PublishedApp.PublishDirToken}, the publish output, but none was given",
                    "Build it with `dotnet publish -t:PublishImage` (see docs/msbuild.md), or pass the publish folder: --publish-dir bin/Release/net10.0/publish.");
            }
            return image;
        }

        string folder = ProjectFolder(projectPath);
        LocalContent? declared = local.FirstOrDefault(l => IsToken(l) || IsFolder(l, folder, app.Folder));
        string appArch = app.Arch?.ApkName ?? LocalContent.NoArch;
        LocalContent appContent;
        if (declared is null)
        {
            appContent = new LocalContent { Path = app.Folder, To = DefaultFolder, Name = app.PackageName, Version = app.Version, Arch = appArch };
            local = [.. local, appContent];
        }
        else
        {
            appContent = declared;
            local = local.Select(l => IsToken(l)
                ? appContent = l with
                {
                    Path = app.Folder,
                    Name = l.Name.Length == 0 ? app.PackageName : l.Name,
                    Version = l.Version == LocalContent.DefaultVersion ? app.Version : l.Version,
                    Arch = l.Arch == LocalContent.NoArch ? appArch : l.Arch,
                }
                : l).ToValueList();
        }

        configuration = configuration with
        {
            Contents = configuration.Contents with { Local = local },
            Entrypoint = DeclaresEntrypoint(configuration.Entrypoint) ? configuration.Entrypoint : new ImageEntrypoint { Command = app.Command(appContent.To) },
            WorkDir = configuration.WorkDir ?? appContent.To,
            Archs = Archs(image, configuration.Archs, app),
        };
        return image with { Configuration = configuration };
    }

    private static bool IsToken(LocalContent content) => content.Path.Trim() == PublishedApp.PublishDirToken;

    private static bool IsFolder(LocalContent content, string projectFolder, string publishFolder) =>
        content.Path.Trim().Length > 0 && !content.Path.Contains('\0')
        && string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(content.Path, projectFolder)),
            Path.TrimEndingDirectorySeparator(publishFolder), StringComparison.Ordinal);

    private static bool DeclaresEntrypoint(ImageEntrypoint? entrypoint) =>
        entrypoint is not null && (!string.IsNullOrEmpty(entrypoint.Command) || !string.IsNullOrEmpty(entrypoint.ShellFragment)
            || entrypoint.Type is not null || !entrypoint.Services.IsEmpty);

    /// <summary>An app published for one architecture runs only there: the image is built for it alone.</summary>
    private static ValueList<Architecture> Archs(ProjectImage image, ValueList<Architecture> declared, PublishedApp app)
    {
        if (app.Arch is not { } arch)
        {
            return declared;
        }
        if (!declared.IsEmpty && !declared.Contains(arch))
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"the app was published for {arch}, but image '{image.Name}' ({image.TypeName}) is built for {string.Join(", ", declared)}",
                $"Publish for one of the image's architectures (e.g. -r linux-{(declared[0] == Architecture.Arm64 ? "arm64" : "x64")}), or add [Arch] {arch} to the image.");
        }
        return [arch];
    }

    private static string ProjectFolder(string projectPath)
    {
        string full = Path.GetFullPath(projectPath);
        return Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
    }
}
