using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.Migrating;

/// <summary>
/// apko's 19 example configurations (shared/fixtures/apko-examples), each built once by `dotnet image build`
/// into an OCI layout with SPDX and CycloneDX SBOMs. Only the repositories and keyring are replaced, by the
/// stand-in repository (<see cref="StandInRepository"/>) and apko's own CLI test repository (which holds the
/// real `custom-ca-certs-*` packages package-certificates.yaml asks for); every other field is the example's.
/// </summary>
public sealed class ApkoExampleBuilds : IDisposable
{
    /// <summary>Where apko's examples are; apko resolves `include: examples/...` against this folder.</summary>
    public static readonly string ExamplesRoot = Fixtures.Shared("apko-examples");

    /// <summary>One example's build.</summary>
    public sealed record Build(string Name, ImageConfiguration Configuration, string ConfigPath, string Layout, string SbomDir,
        int Exit, string Err);

    public ApkoExampleBuilds()
    {
        var loaded = Directory.GetFiles(Path.Combine(ExamplesRoot, "examples"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileNameWithoutExtension(path),
                Configuration: ConfigurationLoader.Load(Path.Combine("examples", Path.GetFileName(path)), new() { WorkingDirectory = ExamplesRoot }).Configuration))
            .ToList();
        string[] real = ["custom-ca-certs-1", "custom-ca-certs-2"];
        IEnumerable<string> names = loaded.SelectMany(l => l.Configuration.Contents.Packages)
            .Where(p => !p.StartsWith('!'))
            .Select(p => p.Split('=', '<', '>', '~', '@')[0])
            .Append("s6")   // a service bundle adds it
            .Except(real);
        StandInKey = StandInRepository.Write(Work.Combine("standin"), names, ["x86_64", "aarch64", "armhf", "armv7"]);
        StandInRoot = Work.Combine("standin");

        foreach (var (name, configuration) in loaded)
        {
            Builds[name] = BuildOne(name, WithLocalRepositories(configuration));
        }
    }

    public TempDirectory Work { get; } = new("imagedsl-apko-examples");

    public string StandInRoot { get; }

    public string StandInKey { get; }

    public Dictionary<string, Build> Builds { get; } = new(StringComparer.Ordinal);

    public string Cache => Work.Combine("cache");

    /// <summary>The configuration with the stand-in and apko CLI test repositories in place of the example's.</summary>
    public ImageConfiguration WithLocalRepositories(ImageConfiguration configuration, bool withApkoCliRepository = true) =>
        configuration with
        {
            Contents = configuration.Contents with
            {
                Repositories = withApkoCliRepository ? [StandInRoot, Fixtures.Shared("apko-cli-repo")] : [StandInRoot],
                Keyring = withApkoCliRepository ? [StandInKey, Fixtures.Shared("apko-cli-repo", "melange.rsa.pub")] : [StandInKey],
            },
        };

    /// <summary>Writes <paramref name="configuration"/> as apko.yaml and builds it into a new layout folder.</summary>
    public Build BuildOne(string name, ImageConfiguration configuration, params string[] more)
    {
        string config = Work.Combine(name + ".apko.yaml");
        File.WriteAllText(config, ApkoYamlWriter.Write(configuration));
        string layout = Work.Combine("layout-" + name);
        string sboms = Work.Combine("sbom-" + name);
        Directory.CreateDirectory(layout);
        Directory.CreateDirectory(sboms);
        var (exit, _, err) = CliRun.Run(["build", config, $"example/{name}:test", layout, "--cache-dir", Cache,
            "--sbom-path", sboms, "--sbom-formats", "spdx,cyclonedx", .. more]).GetAwaiter().GetResult();
        return new Build(name, configuration, config, layout, sboms, exit, err);
    }

    public void Dispose() => Work.Dispose();
}
