using ImageDsl.Model;
using ImageDsl.Tests.Support;

namespace ImageDsl.Tests;

/// <summary>
/// <c>[LayerCompression]</c>: emitted as the class's <c>LayerCompression</c> constant (the <c>--compression</c> text the tool
/// and ImageDsl.Testing read through <see cref="ImageCatalog"/>), merged from bases and fragments as a scalar, never part
/// of the image's <c>Configuration</c>.
/// </summary>
public class LayerCompressionGeneratorTests
{
    private const string Repository = """[Repository("https://packages.wolfi.dev/os")] [Package("busybox")]""";

    private static IReadOnlyDictionary<string, DiscoveredImage> Discover(string source)
    {
        var (_, output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.Problems(output));
        using var assembly = InMemoryAssembly.Load(output);
        return ImageCatalog.Discover(assembly.Assembly).ToDictionary(i => i.Name);
    }

    [Fact]
    public void The_declared_algorithm_and_level_are_emitted_as_compression_text()
    {
        var images = Discover($$"""
            using ImageDsl;
            namespace Demo;
            [Image("fast")] {{Repository}} [LayerCompression(Compression.Zstd, Level = 19)] public partial class Fast;
            [Image("default-level")] {{Repository}} [LayerCompression(Compression.Zstd)] public partial class DefaultLevel;
            [Image("small-gzip")] {{Repository}} [LayerCompression(Compression.Gzip, Level = 1)] public partial class SmallGzip;
            [Image("plain")] {{Repository}} public partial class Plain;
            """);

        Assert.Equal("zstd:19", images["fast"].LayerCompression);
        Assert.Equal("zstd", images["default-level"].LayerCompression);
        Assert.Equal("gzip:1", images["small-gzip"].LayerCompression);
        Assert.Null(images["plain"].LayerCompression);
        // A build setting, not the declaration: the configuration (and so its apko.yaml form and lock checksum) is unchanged.
        Assert.Equal(images["plain"].Configuration, images["fast"].Configuration);
    }

    [Fact]
    public void The_generated_constant_is_written_only_when_declared()
    {
        var (run, _) = GeneratorHarness.Run($$"""
            using ImageDsl;
            namespace Demo;
            [Image("fast")] {{Repository}} [LayerCompression(Compression.Zstd, Level = 7)] public partial class Fast;
            [Image("plain")] {{Repository}} public partial class Plain;
            """);

        Assert.Contains("public const string LayerCompression = \"zstd:7\";", GeneratorHarness.Generated(run, "Demo.Fast.g.cs"));
        Assert.DoesNotContain("LayerCompression", GeneratorHarness.Generated(run, "Demo.Plain.g.cs"));
    }

    [Fact]
    public void Bases_and_fragments_lend_it_and_the_image_class_wins()
    {
        var images = Discover($$"""
            using ImageDsl;
            namespace Demo;
            [LayerCompression(Compression.Zstd, Level = 1)] public abstract class FastLayers;
            [Image("base")] {{Repository}} [LayerCompression(Compression.Zstd, Level = 5)] public partial class Base;
            [Image("derived")] public partial class Derived : Base;
            [Image("derived-own")] [LayerCompression(Compression.Gzip, Level = 6)] public partial class DerivedOwn : Base;
            [Image("included")] {{Repository}} [Include(typeof(FastLayers))] public partial class Included;
            [Image("included-own")] {{Repository}} [Include(typeof(FastLayers))] [LayerCompression(Compression.Gzip)] public partial class IncludedOwn;
            [Image("derived-included")] [Include(typeof(FastLayers))] public partial class DerivedIncluded : Base;
            """);

        Assert.Equal("zstd:5", images["base"].LayerCompression);
        Assert.Equal("zstd:5", images["derived"].LayerCompression);
        Assert.Equal("gzip:6", images["derived-own"].LayerCompression);
        Assert.Equal("zstd:1", images["included"].LayerCompression);
        Assert.Equal("gzip", images["included-own"].LayerCompression);
        // As for every scalar: the base class comes first, then the class's fragments, then the class.
        Assert.Equal("zstd:1", images["derived-included"].LayerCompression);
    }

    [Fact]
    public void An_invalid_level_is_not_emitted()
    {
        var (run, output) = GeneratorHarness.Run($$"""
            using ImageDsl;
            namespace Demo;
            [Image("bad")] {{Repository}} [LayerCompression(Compression.Gzip, Level = 10)] public partial class Bad;
            """);

        // IMG0045 (an analyzer) fails the build; the generated code still compiles and says nothing invalid.
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.DoesNotContain("LayerCompression", GeneratorHarness.Generated(run, "Demo.Bad.g.cs"));
    }
}
