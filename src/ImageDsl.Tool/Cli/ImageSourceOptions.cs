using System.CommandLine;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// Which image a command works on, decided the same way by every command: an apko.yaml (the config argument and
/// apko's flags) or a C# image (`--project [--image] [--framework]`). With --project the config argument is left
/// out; a command with more words after it (build's tag and output) takes them one place earlier.
/// </summary>
internal sealed class ImageSourceOptions
{
    private readonly bool _wordsFollow;

    /// <param name="wordsFollow">The command takes positional words after the config (they shift with --project).</param>
    /// <param name="layerFormat">The command writes layers and takes apko's `--format`.</param>
    public ImageSourceOptions(bool wordsFollow = false, bool layerFormat = false)
    {
        _wordsFollow = wordsFollow;
        Configuration = layerFormat ? ConfigurationOptions.WithLayerFormat() : new ConfigurationOptions();
        Configuration.Config.Arity = ArgumentArity.ZeroOrOne;
        Configuration.Config.Description += " Left out with --project.";
    }

    /// <summary>The config argument and apko's `--include-paths -p -r -b -k --arch`.</summary>
    public ConfigurationOptions Configuration { get; }

    /// <summary>`--project --image --framework`.</summary>
    public ProjectOptions Project { get; } = new();

    /// <summary>The config argument.</summary>
    public Argument<string> Config => Configuration.Config;

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Configuration.AddTo(command);
        Project.AddTo(command);
    }

    /// <summary>Whether the image comes from a C# project.</summary>
    public bool FromProject(ParseResult parse) => parse.GetValue(Project.Project) is not null;

    /// <summary>
    /// The command's own positional words: <paramref name="following"/>, preceded with --project by the word the
    /// parser took for the config argument.
    /// </summary>
    public IReadOnlyList<string> Words(ParseResult parse, IEnumerable<string?> following)
    {
        var words = new List<string>();
        if (FromProject(parse) && parse.GetValue(Config) is { } shifted)
        {
            words.Add(shifted);
        }
        words.AddRange(following.OfType<string>());
        return words;
    }

    /// <summary>
    /// Fails when a command got more words than it takes and --project is given: the first word is then a
    /// configuration given beside the project. <paramref name="usage"/> shows the --project form.
    /// </summary>
    public void RefuseConfigWithProject(ParseResult parse, string usage)
    {
        if (FromProject(parse))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"both a configuration ('{parse.GetValue(Config)}') and --project are given",
                $"With --project leave out the configuration: {usage}.");
        }
    }

    /// <summary>
    /// Loads the image: the file with its includes, or the C# project built and its image read; command-line
    /// additions applied, validated. Progress lines go to <paramref name="step"/>, analyzer warnings to <paramref name="warn"/>.
    /// </summary>
    /// <exception cref="ImageDslException">Neither or both sources, or the source is invalid.</exception>
    public async Task<ImageSource> LoadAsync(ParseResult parse, Action<string> step, Action<string> warn, CancellationToken cancellationToken)
    {
        ConfigurationLoadOptions options = Configuration.ToLoadOptions(parse);
        string? path = parse.GetValue(Config);
        string? imageName = parse.GetValue(Project.Image);
        string? framework = parse.GetValue(Project.Framework);
        if (parse.GetValue(Project.Project) is not { } project)
        {
            if (imageName is not null || framework is not null || parse.GetValue(Project.PublishDir) is not null)
            {
                throw new ImageDslException(ErrorKind.Configuration, imageName is not null
                        ? "--image selects an image of a C# project, but no --project is given"
                        : framework is not null
                            ? "--framework applies to a C# project, but no --project is given"
                            : "--publish-dir puts an app into a C# image, but no --project is given",
                    "Add --project <dir>, or leave it out when the image is an apko.yaml (whose contents.local can name the publish folder).");
            }
            if (path is null)
            {
                throw new ImageDslException(ErrorKind.Configuration, "the configuration argument is missing",
                    "Give an apko.yaml, or --project <dir> [--image <name>] for a C# image.");
            }
            LoadedConfiguration loaded = ConfigurationLoader.Load(path, options);
            return new ImageSource(loaded, path, CommandLineWord(path));
        }
        if (path is not null && !_wordsFollow)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"both a configuration ('{path}') and --project are given",
                "Give one: a configuration file, or --project <dir> [--image <name>].");
        }
        PublishedApp? app = Project.ReadApp(parse);
        ProjectImages images = await ProjectImages.LoadAsync(project, framework, step, warn, cancellationToken);
        ProjectImage image = images.Select(imageName);
        step($"image {image.Name} ({image.TypeName})");
        if (app is not null)
        {
            step($"app {app.PackageName} {app.Version} ({(app.SelfContained ? "self-contained" : "framework-dependent")}, " +
                $"{app.Arch?.ToString() ?? "any architecture"}) from {app.Folder}");
        }
        image = PublishedAppContent.Apply(image, project, app);
        LoadedConfiguration fromProject = ProjectConfiguration.Load(image, project, options);
        string commandLine = $"--project {CommandLineWord(project)}"
            + (images.Images.Count > 1 || imageName is not null ? $" --image {CommandLineWord(image.Name)}" : "")
            + (framework is null ? "" : $" --framework {CommandLineWord(framework)}")
            + (app is null ? "" : $" --publish-dir {CommandLineWord(parse.GetValue(Project.PublishDir)!)}");
        return new ImageSource(fromProject, image.Name, commandLine)
        {
            Plan = image.Plan,
            FromProject = true,
            ProjectFolder = ProjectFolder(project),
            LayerCompression = image.LayerCompression,
            LayerCompressionSource = $"[LayerCompression] of {image.TypeName}",
        };
    }

    /// <summary>The folder of a project given as a folder or a project file; null for a built .dll (its folder is the build output).</summary>
    internal static string? ProjectFolder(string project)
    {
        string full = Path.GetFullPath(project);
        if (Directory.Exists(full))
        {
            return full;
        }
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? null : Path.GetDirectoryName(full);
    }

    /// <summary>A word a POSIX shell reads back unchanged (quoted only when it must be).</summary>
    private static string CommandLineWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@+,".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>A command's image, loaded.</summary>
/// <param name="Loaded">The configuration as every build starts from it.</param>
/// <param name="Name">How outputs name it: the file's path, or the C# image's name.</param>
/// <param name="CommandLine">The arguments that select this image again (`apko.yaml`, or `--project dir --image name`).</param>
internal sealed record ImageSource(LoadedConfiguration Loaded, string Name, string CommandLine)
{
    /// <summary>A C# image's compiled build plan (from its lock file), or null.</summary>
    public BuildPlan? Plan { get; init; }

    /// <summary>A C# image's declared layer compression (`[LayerCompression]`, as `--compression` text), or null; `--compression` wins over it.</summary>
    public string? LayerCompression { get; init; }

    /// <summary>Where <see cref="LayerCompression"/> was declared, for its error message.</summary>
    public string LayerCompressionSource { get; init; } = "[LayerCompression]";

    /// <summary>
    /// The layers' compression: <paramref name="flag"/> (`--compression`) when given, else the C# image's
    /// declaration, else gzip at its default level (the digests of images that choose nothing never change).
    /// </summary>
    public Oci.LayerCompression Compression(string? flag) =>
        flag is not null ? Oci.LayerCompression.Parse(flag)
        : LayerCompression is { } declared ? Oci.LayerCompression.Parse(declared, LayerCompressionSource)
        : Oci.LayerCompression.Gzip;

    /// <summary>True for a C# image (`--project`).</summary>
    public bool FromProject { get; init; }

    /// <summary>A C# project's folder (where its lock files live), or null for a file or a built .dll.</summary>
    public string? ProjectFolder { get; init; }

    /// <summary>The command that runs <paramref name="verb"/> on this image, for hints (`dotnet image lock --project samples ...`).</summary>
    public string Command(string verb) => $"dotnet image {verb} {CommandLine}";

    /// <summary>The configuration as the resolving commands take it.</summary>
    public ConfigFile ToConfigFile() => new(Loaded.Configuration, Loaded.Checksum, Name, CommandLine) { FromProject = FromProject, ProjectFolder = ProjectFolder };
}
