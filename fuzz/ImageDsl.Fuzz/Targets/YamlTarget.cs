using ImageDsl.Config;
using ImageDsl.Errors;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// apko.yaml: <see cref="ConfigurationLoader.Parse(byte[], string, ConfigurationLoadOptions?)"/> (YAML,
/// binding, validation, derivation); a configuration that loads must also survive
/// <see cref="ApkoYamlWriter"/> and load again.
/// </summary>
internal sealed class YamlTarget : FuzzTarget
{
    // Includes resolve against an empty folder, so an `include:` never reads the host's files.
    private static readonly string EmptyFolder = Directory.CreateTempSubdirectory("imagedsl-fuzz-yaml-").FullName;

    private static readonly ConfigurationLoadOptions Options = new() { WorkingDirectory = EmptyFolder };

    public override string Name => "yaml";

    public override string Description => "the whole input is an apko.yaml";

    public override void Run(byte[] input)
    {
        LoadedConfiguration loaded = ConfigurationLoader.Parse(input, "fuzz.yaml", Options);
        string written = ApkoYamlWriter.Write(loaded.Configuration);
        try
        {
            ConfigurationLoader.Parse(written, "rewritten.yaml", Options);
        }
        catch (ImageDslException error)
        {
            throw new InvalidOperationException($"a configuration that loaded does not load after ApkoYamlWriter: {error.Message}\n---\n{written}", error);
        }
    }
}
