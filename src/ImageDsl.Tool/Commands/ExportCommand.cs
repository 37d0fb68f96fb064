using System.CommandLine;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Errors;
using ImageDsl.Rules;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tool.Commands;

/// <summary>`dotnet image export --project &lt;dir&gt;`: C# images as apko.yaml.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var project = new ProjectOptions();
        project.Project.Required = true;
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the apko.yaml here (atomically) instead of to standard output. An existing folder (or a path ending in /) " +
                "receives every image as <name>.yaml, or the --image one.",
        };
        var command = new Command("export",
            "Build a C# images project and write an image as apko.yaml, as declared (apko's derived values are filled in again " +
            "when the file is built). Without --image the project must declare one image, or -o must be a folder.\n\n" +
            "Example:\n  dotnet image export --project samples/ImageDsl.Samples --image hello-minimal -o hello-minimal.yaml");
        project.AddTo(command);
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var progress = Reporting.Create(parse);
            TextWriter stderr = parse.InvocationConfiguration.Error;
            string projectPath = parse.GetValue(project.Project)!;
            string? imageName = parse.GetValue(project.Image);
            string? target = parse.GetValue(output);
            PublishedApp? app = project.ReadApp(parse);
            ProjectImages images = await ProjectImages.LoadAsync(projectPath, parse.GetValue(project.Framework),
                m => progress.Step(Progress.BuildStage.Config, m), stderr.WriteLine, cancellationToken);

            bool toFolder = target is not null && (Directory.Exists(target) || target.EndsWith('/') || target.EndsWith(Path.DirectorySeparatorChar));
            IReadOnlyList<ProjectImage> selected = toFolder && imageName is null && images.Images.Count > 0
                ? images.Images
                : [images.Select(imageName)];
            // A published app goes in as the build would put it; a [Content("$(PublishDir)")] without one is an error.
            selected = selected.Select(i => PublishedAppContent.Apply(i, projectPath, app)).ToList();
            // Every image is checked before anything is written, so a bad one leaves no partial set behind
            // (nor a [Content] repository): a first pass only validates.
            foreach (ProjectImage image in selected)
            {
                Export(image, TextWriter.Null);
            }
            var outputs = selected
                .Select(image => (
                    Image: image,
                    File: target is null ? null : toFolder ? Path.Combine(target, FileName(image)) : target))
                .Select(o => (o.Image, Yaml: Export(o.Image, stderr, o.File is null ? null : LocalRepositoryFolder(o.File), projectPath), o.File))
                .ToList();
            if (target is null)
            {
                foreach (var (_, yaml, _) in outputs)
                {
                    parse.InvocationConfiguration.Output.Write(yaml);
                }
                return 0;
            }
            if (toFolder)
            {
                Directory.CreateDirectory(target);
            }
            foreach (var (image, yaml, file) in outputs)
            {
                TextFileOutput.Write(file!, yaml);
                stderr.WriteLine($"wrote {file} ({image.Name})");
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The image as apko.yaml, after checking it (errors throw; warnings go to <paramref name="warnings"/>). An image
    /// with an <c>[Include]</c> is written unchecked: the included file may complete it, and building the file checks the merge.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="warnings">Receives warnings.</param>
    /// <param name="localRepository">
    /// Where `[Content]` folders are packed into a signed repository that the written file then uses
    /// (apko can build it); null writes them as ImageDsl's `contents.local`, with a warning.
    /// </param>
    /// <param name="projectPath">The project, which `[Content]` paths resolve against.</param>
    public static string Export(ProjectImage image, TextWriter warnings, string? localRepository = null, string? projectPath = null)
    {
        if (image.Configuration.Include is null)
        {
            foreach (ConfigurationDiagnostic warning in ConfigurationValidator.ValidateOrThrow(image.Configuration, new MemberPathLocator(image.TypeName)))
            {
                warnings.WriteLine(warning.ToString());
            }
        }
        if (image.Configuration.Contents.BaseImage?.Reference is { } reference)
        {
            warnings.WriteLine($"warning: {image.Name}: contents.baseimage.ref ({reference}) is ImageDsl's own and apko rejects it; for apko, copy the base " +
                $"into a layout folder (`skopeo copy docker://{reference} oci:base-layout:latest`) and write `image: base-layout` instead");
        }
        if (image.LayerCompression is { } compression)
        {
            // A build setting, not a field of the declaration: the file cannot carry it.
            warnings.WriteLine($"warning: {image.Name}: [LayerCompression] ({compression}) is a build setting that apko.yaml has no field for; " +
                $"build the written file with `dotnet image build --compression {compression}` to get the same layers");
        }
        if (!image.Configuration.Contents.Local.IsEmpty && localRepository is not null)
        {
            ImageConfiguration resolved = ProjectLocalContent.Resolve(image.Configuration, projectPath ?? Directory.GetCurrentDirectory());
            long date = Math.Max(0, Build.SourceDateEpoch.FromEnvironment()?.Date?.ToUnixTimeSeconds() ?? 0);
            ImageConfiguration packed = LocalContentExport.Write(resolved, localRepository, date);
            warnings.WriteLine($"wrote {localRepository} ({image.Name}: [Content] packed into a signed local repository the file uses)");
            return ApkoYamlWriter.Write(packed);
        }
        if (!image.Configuration.Contents.Local.IsEmpty)
        {
            warnings.WriteLine($"warning: {image.Name}: [Content] is written as contents.local, which only ImageDsl builds (relative paths then " +
                "resolve against the written file's folder); for apko, pack the folders with `dotnet image pack`, index them and list the packages");
        }
        return ApkoYamlWriter.Write(image.Configuration);
    }

    /// <summary>`[Content]` packages go beside the written file, in `&lt;file name&gt;.local/`.</summary>
    private static string LocalRepositoryFolder(string file) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + ".local");

    private static string FileName(ProjectImage image) =>
        ImageRules.IsValidFileName(image.Name) ? image.Name + ".yaml" : throw new ImageDslException(ErrorKind.Configuration,
            $"the image name '{image.Name}' ({image.TypeName}) cannot be a file name",
            "Export it alone with --image and -o <file>, or rename it to letters, digits, '_', '-' and '.'.");
}
