using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Oci;

namespace ImageDsl.Testing;

/// <summary>
/// Builds an image in-process, as `dotnet image build --project` does (the class's apko.yaml form
/// read back by the loader, so apko's derived values apply), and opens the result for assertions.
/// </summary>
/// <example><code>
/// using ImageUnderTest image = await TestImage.BuildAsync(HelloMinimal.Configuration, new() { BaseDirectory = repoRoot });
/// Assert.Equal("/usr/bin/hello", image.Config.Entrypoint[0]);
/// </code></example>
public static class TestImage
{
    /// <summary>Builds the generated <c>Configuration</c> of an <c>[Image]</c> class.</summary>
    public static Task<ImageUnderTest> BuildAsync<TImage>(TestImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        DiscoveredImage image = ImageCatalog.Discover(typeof(TImage).Assembly).FirstOrDefault(i => i.Type == typeof(TImage))
            ?? throw new ArgumentException(
                $"{typeof(TImage).FullName} is not a registered image: give it [Image(\"name\")], make it partial, and reference the ImageDsl generator.",
                nameof(TImage));
        options ??= new TestImageOptions();
        // The class's [LayerCompression], as `dotnet image build --project` applies it, so the test sees the image's own digest.
        LayerCompression compression = image.LayerCompression is { } declared
            ? LayerCompression.Parse(declared, $"[LayerCompression] of {typeof(TImage).FullName}")
            : LayerCompression.Gzip;
        return BuildAsync(image.Configuration, options.UseCompiledPlan ? image.Plan : null, image.Name, compression, options, cancellationToken);
    }

    /// <summary>Builds <paramref name="configuration"/> (e.g. <c>HelloMinimal.Configuration</c>).</summary>
    public static Task<ImageUnderTest> BuildAsync(ImageConfiguration configuration, TestImageOptions? options = null, CancellationToken cancellationToken = default) =>
        BuildAsync(configuration, plan: null, imageName: "image", LayerCompression.Gzip, options ?? new TestImageOptions(), cancellationToken);

    private static async Task<ImageUnderTest> BuildAsync(ImageConfiguration configuration, BuildPlan? plan, string imageName, LayerCompression compression,
        TestImageOptions options, CancellationToken cancellationToken)
    {
        string baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Environment.CurrentDirectory);
        string work = Directory.CreateTempSubdirectory("imagedsl-testing-").FullName;
        try
        {
            // The loader merges includes and derives apko's values (s6 for services, /home/<user>) as a build does.
            LoadedConfiguration loaded = ConfigurationLoader.Parse(
                ApkoYamlWriter.Write(Absolute(configuration, baseDirectory)), "image.yaml",
                new ConfigurationLoadOptions { WorkingDirectory = baseDirectory });
            Architecture arch = options.Architecture
                ?? (loaded.Configuration.Archs.Count > 0 ? loaded.Configuration.Archs[0] : Architecture.Amd64);
            // The compiled plan (from the image's lock file) pins every package, as `dotnet image build --project`
            // builds it; a plan made for another configuration of the image is refused rather than built.
            string relock = $"dotnet image lock --project <project> --image {imageName}";
            var request = new BuildRequest
            {
                Plan = plan is null ? null : Absolute(CompiledPlanCheck.Usable(plan, imageName, DeclaredChecksum(configuration, baseDirectory), relock, _ => { }), baseDirectory),
                RelockCommand = relock,
                Configuration = loaded.Configuration,
                Archs = [arch],
                BuildDate = options.BuildDate,
                DiscoverKeys = false,
                TemporaryDirectory = work,
                Repository = new RepositoryClientOptions { CacheDirectory = options.CacheDirectory ?? Path.Combine(work, "cache") },
                Compression = compression,
            };
            using BuiltImage built = await ImageBuilder.BuildAsync(request, cancellationToken);
            return ImageUnderTest.Read(built, work, options.MaxContentBytes);
        }
        catch
        {
            // The builder may already have removed its temporary folder; the build's own error is the one to report.
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
            throw;
        }
    }

    /// <summary>
    /// The config checksum `dotnet image lock --project` recorded: of the class's apko.yaml form as declared, with its
    /// relative paths (the build itself reads them made absolute, which changes the bytes but not the image).
    /// </summary>
    private static string DeclaredChecksum(ImageConfiguration configuration, string baseDirectory) =>
        ConfigurationLoader.Parse(ApkoYamlWriter.Write(configuration), "image.yaml",
            new ConfigurationLoadOptions { WorkingDirectory = baseDirectory }).Checksum;

    /// <summary>Relative repository and key paths resolved against <paramref name="baseDirectory"/>.</summary>
    private static ImageConfiguration Absolute(ImageConfiguration c, string baseDirectory) => c with
    {
        Contents = c.Contents with
        {
            Repositories = c.Contents.Repositories.Select(r => Repository(r, baseDirectory)).ToValueList(),
            BuildRepositories = c.Contents.BuildRepositories.Select(r => Repository(r, baseDirectory)).ToValueList(),
            Keyring = c.Contents.Keyring.Select(k => Local(k, baseDirectory)).ToValueList(),
        },
    };

    /// <summary>The plan's repositories named as the build's are: resolved against <paramref name="baseDirectory"/>.</summary>
    private static BuildPlan Absolute(BuildPlan plan, string baseDirectory) => plan with
    {
        Packages = plan.Packages.Select(p => p with { Repository = Repository(p.Repository, baseDirectory) }).ToValueList(),
    };

    private static string Repository(string repository, string baseDirectory)
    {
        string text = repository.Trim();
        if (text.StartsWith('@') && text.IndexOf(' ') is var space and > 0)
        {
            return text[..space] + " " + Local(text[(space + 1)..].Trim(), baseDirectory);
        }
        return Local(text, baseDirectory);
    }

    private static string Local(string path, string baseDirectory) =>
        path.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
