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
/// <param name="CommandLine">The arguments that select it again, for hints (default: the name).</param>
internal sealed record ConfigFile(ImageConfiguration Configuration, string Checksum, string? Name = null, string? CommandLine = null)
{
    /// <summary>True for a C# image (`--project`).</summary>
    public bool FromProject { get; init; }

    /// <summary>A C# project's folder (where its lock files live), or null for a file or a built .dll.</summary>
    public string? ProjectFolder { get; init; }

    /// <summary>The command that runs <paramref name="verb"/> on this configuration, for hints.</summary>
    public string Command(string verb) => $"dotnet image {verb} {CommandLine ?? Name}";
}

/// <summary>Loads a configuration file (the seam the YAML loader plugs into; tests pass their own).</summary>
internal delegate ConfigFile ConfigurationSource(string path);

/// <summary>
/// The options apko's resolving commands share (`--arch -k -b -r -p --cache-dir --offline --ignore-signatures`),
/// and the steps they share: load the configuration, pick the arches, resolve.
/// </summary>
internal sealed class ApkCommandOptions
{
    /// <summary>The image: a config file or a C# project.</summary>
    public ImageSourceOptions Source { get; }

    /// <summary>The configuration argument and `--include-paths -p -r -b -k --arch`.</summary>
    public ConfigurationOptions Configuration => Source.Configuration;

    /// <summary>`--cache-dir --offline --ignore-signatures`.</summary>
    public RepositoryOptions Repository { get; } = new();

    /// <summary>`--insecure-registry`, for commands that resolve against a registry base image; null for the others.</summary>
    public RegistryOptions? Registry { get; }

    public Argument<string> Config => Configuration.Config;

    /// <param name="wordsFollow">The command takes positional words after the config (explain's package).</param>
    /// <param name="baseImages">The command resolves on top of the configuration's base image (so it may pull one from a registry).</param>
    public ApkCommandOptions(bool wordsFollow = false, bool baseImages = true)
    {
        Source = new ImageSourceOptions(wordsFollow);
        Registry = baseImages ? new RegistryOptions() : null;
    }

    /// <summary>Adds the shared argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Source.AddTo(command);
        Repository.AddTo(command);
        Registry?.AddTo(command);
    }

    /// <summary>Registry settings for pulling a base image (`--insecure-registry`).</summary>
    public Oci.Registry.PushOptions PushOptions(ParseResult parse) =>
        Registry?.ToPushOptions(parse) ?? new Oci.Registry.PushOptions();

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

    /// <summary>The configuration through <paramref name="source"/> (tests' seam for files), or the image the options name.</summary>
    public async Task<ConfigFile> LoadAsync(ConfigurationSource? source, ParseResult parse, CancellationToken cancellationToken)
    {
        if (source is not null && !Source.FromProject(parse) && parse.GetValue(Config) is { } path)
        {
            return source(path) with { Name = path };
        }
        ImageSource image = await Source.LoadAsync(parse, _ => { }, parse.InvocationConfiguration.Error.WriteLine, cancellationToken);
        return image.ToConfigFile();
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
