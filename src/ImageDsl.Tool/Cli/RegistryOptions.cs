using System.CommandLine;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// `--insecure-registry`, for every command that may reach a registry: a registry base image
/// (build, lock, show-packages, dot, explain) or a push (publish). One definition, so the flag
/// means the same wherever a CI script passes it.
/// </summary>
internal sealed class RegistryOptions
{
    public Option<string[]> InsecureRegistry { get; } = new("--insecure-registry")
    {
        Description = "Registries (host:port) that may be reached over plain HTTP or with an unverified certificate, for a registry base image and for publish; loopback always may.",
    };

    public void AddTo(Command command) => command.Options.Add(InsecureRegistry);

    /// <summary>The registry settings the flags give (<paramref name="log"/> receives debug lines).</summary>
    public PushOptions ToPushOptions(ParseResult parse, Action<string>? log = null) =>
        new() { InsecureRegistries = OptionValues.Split(parse.GetValue(InsecureRegistry)), Log = log };
}
