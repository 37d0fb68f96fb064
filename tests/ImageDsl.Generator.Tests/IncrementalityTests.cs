using ImageDsl.Generator;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImageDsl.Tests;

/// <summary>The generator re-does work only for images whose declaration changed.</summary>
public class IncrementalityTests
{
    private static readonly string[] TrackedSteps = [TrackingNames.ImageSpecs, TrackingNames.EmittableImages];

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Samples.Nginx, "namespace Other; public class Unrelated { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = Replace(first, 1, "namespace Other; public class Unrelated { public int Added => 42; }");
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} produced {o.Reason}"));
        }
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_of_100_images_regenerates_that_image_only()
    {
        string[] sources = Enumerable.Range(0, 100).Select(ImageSource).ToArray();
        CSharpCompilation first = GeneratorHarness.Compile(sources);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = Replace(first, 42, ImageSource(42).Replace("\"curl\"", "\"wget\""));
        driver = driver.RunGenerators(second);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        var parsed = run.TrackedSteps[TrackingNames.ImageSpecs].SelectMany(s => s.Outputs).ToList();
        // ForAttributeWithMetadataName re-runs each transform after any edit (a base class in another
        // file may have changed); the equatable spec makes 99 of them compare Unchanged.
        Assert.Single(parsed, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(99, parsed.Count(o => o.Reason == IncrementalStepRunReason.Unchanged));
        var specs = run.TrackedSteps[TrackingNames.EmittableImages].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(100, specs.Count);
        Assert.Single(specs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(99, specs.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var emitted = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(99, emitted.Count(o => o.Reason == IncrementalStepRunReason.Cached));
        Assert.Contains("\"wget\"", GeneratorHarness.Generated(run, "Many.Image42.g.cs"));
    }

    [Fact]
    public void Editing_a_base_class_regenerates_the_derived_images()
    {
        CSharpCompilation first = GeneratorHarness.Compile(
            "using ImageDsl; namespace B; [Package(\"busybox\")] public abstract class Base;",
            "using ImageDsl; namespace B; [Image(\"a\")] public partial class A : Base;",
            "using ImageDsl; namespace B; [Image(\"c\")] [Package(\"c\")] public partial class C;");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = Replace(first, 0, "using ImageDsl; namespace B; [Package(\"toybox\")] public abstract class Base;");
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.Contains("\"toybox\"", GeneratorHarness.Generated(run, "B.A.g.cs"));
        var reasons = run.TrackedSteps[TrackingNames.EmittableImages].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Single(reasons, r => r == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Changing_only_the_layer_compression_level_regenerates_the_image()
    {
        // The compression is not part of the Configuration: the spec must still compare different, or the edit is lost.
        CSharpCompilation first = GeneratorHarness.Compile(
            "using ImageDsl; namespace B; [Image(\"a\")] [Package(\"busybox\")] [LayerCompression(Compression.Zstd, Level = 3)] public partial class A;");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = Replace(first, 0,
            "using ImageDsl; namespace B; [Image(\"a\")] [Package(\"busybox\")] [LayerCompression(Compression.Zstd, Level = 9)] public partial class A;");
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.Contains("public const string LayerCompression = \"zstd:9\";", GeneratorHarness.Generated(run, "B.A.g.cs"));
        Assert.Single(run.TrackedSteps[TrackingNames.EmittableImages].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Editing_an_included_fragment_regenerates_the_images_that_include_it()
    {
        CSharpCompilation first = GeneratorHarness.Compile(
            "using ImageDsl; namespace F; [Package(\"busybox\")] public abstract class Fragment;",
            "using ImageDsl; namespace F; [Image(\"a\")] [Include(typeof(Fragment))] public partial class A;",
            "using ImageDsl; namespace F; [Image(\"c\")] [Package(\"c\")] public partial class C;");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = Replace(first, 0, "using ImageDsl; namespace F; [Package(\"toybox\")] public abstract class Fragment;");
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.Contains("\"toybox\"", GeneratorHarness.Generated(run, "F.A.g.cs"));
        var reasons = run.TrackedSteps[TrackingNames.EmittableImages].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Single(reasons, r => r == IncrementalStepRunReason.Modified);
    }

    private static string ImageSource(int i) => $$"""
        using ImageDsl;
        namespace Many;
        [Image("image-{{i}}")]
        [Package("busybox", "curl")]
        [Env("INDEX", "{{i}}")]
        public partial class Image{{i}};
        """;

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }
}
