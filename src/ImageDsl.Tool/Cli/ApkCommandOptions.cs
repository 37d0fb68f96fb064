using System.CommandLine;
using System.Security.Cryptography;
using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tool.Cli;

/// <summary>A configuration as the commands need it: the merged model and apko's config checksum.</summary>
/// <param name="Configuration">The image configuration (includes merged).</param>
/// <param name="Checksum">`sha256-` + base64 SHA-256 of the raw bytes of the file and its includes, in load order.</param>
internal sealed record ConfigFile(ImageConfiguration Configuration, string Checksum);

/// <summary>Loads a configuration file (the seam the YAML loader plugs into; tests pass their own).</summary>
internal delegate ConfigFile ConfigurationSource(string path);

/// <summary>
/// The options apko's resolving commands share (`--arch -k -b -r -p --cache-dir --offline --ignore-signatures`),
/// and the steps they share: load the configuration, pick the arches, resolve.
/// </summary>
internal sealed class ApkCommandOptions
{
    public Argument<string> Config { get; } = new("config") { Description = "The image configuration (apko.yaml)." };

    public Option<string[]> Arch { get; } = new("--arch")
    {
        Description = "Architectures (amd64, arm64, x86_64, ..., `host`, `all`; repeat or comma-separate). Default: the config's archs, else all.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> KeyringAppend { get; } = new("--keyring-append", "-k") { Description = "Extra keys (files or URLs) to trust." };

    public Option<string[]> RepositoryAppend { get; } = new("--repository-append", "-r") { Description = "Extra repositories (also written into the image)." };

    public Option<string[]> BuildRepositoryAppend { get; } = new("--build-repository-append", "-b") { Description = "Extra repositories used to build only." };

    public Option<string[]> PackageAppend { get; } = new("--package-append", "-p") { Description = "Extra packages to install." };

    public Option<string?> CacheDir { get; } = new("--cache-dir") { Description = "Cache folder for indexes, keys and packages (default: $XDG_CACHE_HOME/imagedsl or ~/.cache/imagedsl)." };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Use only the cache; never the network." };

    public Option<bool> IgnoreSignatures { get; } = new("--ignore-signatures") { Description = "Do not verify repository index signatures (not recommended)." };

    /// <summary>Adds the shared argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Config);
        foreach (Option option in (Option[])[Arch, KeyringAppend, RepositoryAppend, BuildRepositoryAppend, PackageAppend, CacheDir, Offline, IgnoreSignatures])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The command-line additions.</summary>
    public ApkExtras Extras(ParseResult parse) => new(
        Split(parse.GetValue(KeyringAppend)), Split(parse.GetValue(BuildRepositoryAppend)),
        Split(parse.GetValue(RepositoryAppend)), Split(parse.GetValue(PackageAppend)));

    /// <summary>Repository client options from the flags; warnings go to stderr.</summary>
    public RepositoryClientOptions ClientOptions(ParseResult parse, TextWriter stderr)
    {
        string? cacheDir = parse.GetValue(CacheDir);
        return new RepositoryClientOptions
        {
            CacheDirectory = string.IsNullOrEmpty(cacheDir) ? RepositoryCache.DefaultRoot() : cacheDir,
            Offline = parse.GetValue(Offline),
            IgnoreSignatures = parse.GetValue(IgnoreSignatures),
            Warn = message =>
            {
                lock (stderr)
                {
                    stderr.WriteLine("warning: " + message);
                }
            },
        };
    }

    /// <summary>
    /// apko's arch choice: `--arch` if given (`all`, `host`, names and aliases; deduplicated and sorted),
    /// else the configuration's archs (as written), else all nine.
    /// </summary>
    public IReadOnlyList<Architecture> Archs(ParseResult parse, ImageConfiguration configuration)
    {
        IReadOnlyList<string> given = Split(parse.GetValue(Arch));
        if (given.Count == 0)
        {
            return configuration.Archs.Count > 0 ? configuration.Archs.ToList() : Architecture.All;
        }
        var result = new SortedSet<Architecture>();
        foreach (string name in given)
        {
            if (name == "all")
            {
                result.UnionWith(Architecture.All);
            }
            else if (name == "host")
            {
                result.Add(Architecture.Host);
            }
            else if (Architecture.TryParse(name, out Architecture arch))
            {
                result.Add(arch);
            }
            else
            {
                string? suggestion = Rules.ArchitectureNames.Suggest(name);
                throw new ImageDslException(ErrorKind.Configuration, $"--arch: unknown architecture '{name}'",
                    (suggestion is null ? "" : $"Did you mean '{suggestion}'? ") + "Use amd64, arm64, 386, arm/v6, arm/v7, loong64, ppc64le, riscv64, s390x, host or all.");
            }
        }
        return result.ToList();
    }

    /// <summary>The configuration through <paramref name="source"/>, or the real loader when null.</summary>
    public static ConfigFile Load(ConfigurationSource? source, string path) => (source ?? LoadConfig)(path);

    private static ConfigFile LoadConfig(string path)
    {
        ImageDsl.Config.LoadedConfiguration loaded = ImageDsl.Config.ConfigurationLoader.Load(path);
        return new ConfigFile(loaded.Configuration, loaded.Checksum);
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

    /// <summary>Flattens repeated and comma-separated values (cobra's StringSlice accepts both).</summary>
    public static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
