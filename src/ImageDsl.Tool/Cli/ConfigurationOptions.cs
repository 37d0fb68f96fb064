using System.CommandLine;
using ImageDsl.Config;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// apko's configuration flags (`--include-paths -p -r -b -k --arch`), for every command that reads a
/// configuration. Like apko's string-slice flags, each may be repeated and takes comma-separated values.
/// </summary>
internal sealed class ConfigurationOptions
{
    public Argument<string> Config { get; } = new("config") { Description = "The image configuration (apko.yaml, or JSON)." };

    public Option<string[]> IncludePaths { get; } = new("--include-paths")
    {
        Description = "Folders searched for `include:` files not found relative to the working directory.",
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

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Config);
        foreach (Option option in new Option[] { IncludePaths, PackageAppend, RepositoryAppend, BuildRepositoryAppend, KeyringAppend, Arch })
        {
            command.Options.Add(option);
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
    };

    private static string[] Values(ParseResult parse, Option<string[]> option) => OptionValues.Split(parse.GetValue(option));
}
