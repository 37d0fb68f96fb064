using System.CommandLine;
using System.Security.Cryptography;
using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tool.Cli;

/// <summary>A configuration as the commands need it: the merged model and apko's config checksum.</summary>
/// <param name="Configuration">The image configuration (includes merged).</param>
/// <param name="Checksum">`sha256-` + base64 SHA-256 of the raw bytes of the file and its includes, in load order.</param>
/// <param name="Name">How the configuration is named in outputs: its path, or a C# image's name.</param>
internal sealed record ConfigFile(ImageConfiguration Configuration, string Checksum, string? Name = null);

/// <summary>Loads a configuration file (the seam the YAML loader plugs into; tests pass their own).</summary>
internal delegate ConfigFile ConfigurationSource(string path);

/// <summary>
/// The options apko's resolving commands share (`--arch -k -b -r -p --cache-dir --offline --ignore-signatures`),
/// and the steps they share: load the configuration, pick the arches, resolve.
/// </summary>
internal sealed class ApkCommandOptions
{
    /// <summary>The configuration argument and `--include-paths -p -r -b -k --arch`.</summary>
    public ConfigurationOptions Configuration { get; } = new();

    /// <summary>`--cache-dir --offline --ignore-signatures`.</summary>
    public RepositoryOptions Repository { get; } = new();

    public Argument<string> Config => Configuration.Config;

    /// <summary>`--project --image` when the command accepts C# images (null otherwise).</summary>
    public Projects.ProjectOptions? Project { get; private init; }

    /// <summary>Options for a command that also reads C# images: the configuration argument becomes optional.</summary>
    public static ApkCommandOptions WithProjects()
    {
        var options = new ApkCommandOptions { Project = new Projects.ProjectOptions() };
        options.Configuration.Config.Arity = ArgumentArity.ZeroOrOne;
        options.Configuration.Config.Description += " Left out with --project.";
        return options;
    }

    /// <summary>Adds the shared argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Configuration.AddTo(command);
        Repository.AddTo(command);
        Project?.AddTo(command);
    }

    /// <summary>The command-line additions.</summary>
    public ApkExtras Extras(ParseResult parse) => new(
        OptionValues.Split(parse.GetValue(Configuration.KeyringAppend)), OptionValues.Split(parse.GetValue(Configuration.BuildRepositoryAppend)),
        OptionValues.Split(parse.GetValue(Configuration.RepositoryAppend)), OptionValues.Split(parse.GetValue(Configuration.PackageAppend)));

    /// <summary>Repository client options from the flags; warnings go to stderr.</summary>
    public RepositoryClientOptions ClientOptions(ParseResult parse, TextWriter stderr) =>
        Repository.ToClientOptions(parse, message => stderr.WriteLine("warning: " + message));

    /// <summary>
    /// apko's arch choice: `--arch` if given (`all`, `host`, names and aliases; deduplicated and sorted),
    /// else the configuration's archs (as written), else all nine.
    /// </summary>
    public IReadOnlyList<Architecture> Archs(ParseResult parse, ImageConfiguration configuration)
    {
        IReadOnlyList<string> given = OptionValues.Split(parse.GetValue(Configuration.Arch));
        if (given.Count == 0)
        {
            return configuration.Archs.Count > 0 ? configuration.Archs.ToList() : Architecture.All;
        }
        return ImageDsl.Config.ArchitectureSelection.Parse(given, name =>
        {
            string? suggestion = Rules.ArchitectureNames.Suggest(name);
            throw new ImageDslException(ErrorKind.Configuration, $"--arch: unknown architecture '{name}'",
                (suggestion is null ? "" : $"Did you mean '{suggestion}'? ") + "Use amd64, arm64, 386, arm/v6, arm/v7, loong64, ppc64le, riscv64, s390x, host or all.");
        });
    }

    /// <summary>The configuration through <paramref name="source"/>, or the real loader when null.</summary>
    public async Task<ConfigFile> LoadAsync(ConfigurationSource? source, ParseResult parse, CancellationToken cancel)
    {
        string? path = parse.GetValue(Config);
        if (Project is not null && parse.GetValue(Project.Project) is { } project)
        {
            if (path is not null)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"both a configuration ('{path}') and --project are given",
                    "Give one: a configuration file, or --project <dir> [--image <name>].");
            }
            TextWriter stderr = parse.InvocationConfiguration.Error;
            Projects.ProjectImages images = await Projects.ProjectImages.LoadAsync(project, _ => { }, stderr.WriteLine, cancel);
            Projects.ProjectImage image = images.Select(parse.GetValue(Project.Image));
            ImageDsl.Config.LoadedConfiguration fromProject = Projects.ProjectConfiguration.Load(image, project, Configuration.ToLoadOptions(parse));
            return new ConfigFile(fromProject.Configuration, fromProject.Checksum, image.Name);
        }
        if (path is null)
        {
            throw new ImageDslException(ErrorKind.Configuration, "the configuration argument is missing",
                "Give an apko.yaml" + (Project is null ? "." : ", or --project <dir> [--image <name>] for a C# image."));
        }
        if (source is not null)
        {
            return source(path) with { Name = path };
        }
        ImageDsl.Config.LoadedConfiguration loaded = ImageDsl.Config.ConfigurationLoader.Load(path, Configuration.ToLoadOptions(parse));
        return new ConfigFile(loaded.Configuration, loaded.Checksum, path);
    }

    /// <summary>apko's config checksum of raw bytes (for loaders and tests).</summary>
    public static string Checksum(params byte[][] files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] file in files)
        {
            sha.AppendData(file);
        }
        return "sha256-" + Convert.ToBase64String(sha.GetHashAndReset());
    }

}
