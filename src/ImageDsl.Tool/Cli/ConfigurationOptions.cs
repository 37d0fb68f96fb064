using System.CommandLine;
using ImageDsl.Config;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// apko's configuration flags (`--include-paths -p -r -b -k --arch`, and `--format` where apko has it), for every command that reads a
/// configuration. Like apko's string-slice flags, each may be repeated and takes comma-separated values.
/// </summary>
internal sealed class ConfigurationOptions
{
    public Argument<string> Config { get; } = new("config") { Description = "The image configuration (apko.yaml, or JSON)." };

    public Option<string[]> IncludePaths { get; } = new("--include-paths")
    {
        Description = "Folders searched for the configuration file and `include:` files not found relative to the working directory.",
    };

    public Option<string[]> PackageAppend { get; } = new("--package-append", "-p") { Description = "Extra packages to install." };

    public Option<string[]> RepositoryAppend { get; } = new("--repository-append", "-r")
    {
        Description = "Extra repositories, used to build and written into the image.",
    };

    public Option<string[]> BuildRepositoryAppend { get; } = new("--build-repository-append", "-b")
    {
        Description = "Extra repositories used to build only.",
    };

    public Option<string[]> KeyringAppend { get; } = new("--keyring-append", "-k") { Description = "Extra keys that verify the repositories." };

    public Option<string[]> Arch { get; } = new("--arch")
    {
        Description = "Architectures to build for, replacing the configuration's: all, host, or names such as amd64,arm64.",
    };

    /// <summary>`--format`: only on the commands that write image layers (`build`, `publish`); null elsewhere.</summary>
    public Option<string?>? Format { get; private init; }

    /// <summary>Options for `build` and `publish`, which also take apko's layer `--format`.</summary>
    public static ConfigurationOptions WithLayerFormat() => new()
    {
        Format = new Option<string?>("--format")
        {
            Description = "The layer format, replacing the configuration's `format`: tar (apko's erofs is not supported).",
        },
    };

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Config);
        foreach (Option option in new Option[] { IncludePaths, PackageAppend, RepositoryAppend, BuildRepositoryAppend, KeyringAppend, Arch })
        {
            command.Options.Add(option);
        }
        if (Format is not null)
        {
            command.Options.Add(Format);
        }
    }

    /// <summary>The loader options the flags ask for; relative paths resolve against the current directory (-C).</summary>
    public ConfigurationLoadOptions ToLoadOptions(ParseResult parse) => new()
    {
        IncludePaths = Values(parse, IncludePaths),
        ExtraPackages = Values(parse, PackageAppend),
        ExtraRepositories = Values(parse, RepositoryAppend),
        ExtraBuildRepositories = Values(parse, BuildRepositoryAppend),
        ExtraKeyring = Values(parse, KeyringAppend),
        Archs = Values(parse, Arch),
        Format = Format is null ? null : parse.GetValue(Format),
    };

    private static string[] Values(ParseResult parse, Option<string[]> option) => OptionValues.Split(parse.GetValue(option));
}
