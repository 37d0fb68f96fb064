using ImageDsl.Generator;
using ImageDsl.Model;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Tests;

/// <summary>Package catalogues (.catalog AdditionalFiles) become enums with XML docs, incrementally.</summary>
public class CatalogGeneratorTests
{
    public const string SampleCatalog =
        "# imagedsl-catalog 1\n" +
        "# source: samples/repo (x86_64)\n" +
        "# name\tversion\tlicence\tdescription\tprovides\n" +
        "hello-baselayout\t1.0.0-r0\tMIT\tbase layout\t\n" +
        "hello-world\t1.0.0-r0\tMIT\tPrints a <greeting> & more\tcmd:hello\n" +
        "libstdc++\t12.2.1-r4\tGPL-2.0-or-later\tC++ library\tso:libstdc++.so.6\n" +
        "7zip\t22.01-r0\tLGPL-2.0-only\tarchiver\t\n" +
        "packages\t1-r0\t\tsame name as the class\t\n";

    private const string Image = """
        using ImageDsl;
        namespace Demo;
        public static class Own { public const string Busybox = "busybox"; }
        [Image("hello")] [Package(Packages.HelloWorld, Packages.LibstdcPlusPlus, Packages._7zip)] public partial class Hello;
        [Image("mixed")] [Package("tzdata", Own.Busybox, global::ImageDsl.Packages.HelloWorld, (Packages._7zip), "hello-baselayout>=1.0")] public partial class Mixed;
        """;

    [Fact]
    public void Members_are_named_after_the_packages_and_documented_with_version_description_and_licence()
    {
        var (run, output) = Run([("packages.catalog", SampleCatalog)], Image);

        Assert.Empty(GeneratorHarness.Problems(output));
        string generated = run.GeneratedSources.Single(s => s.HintName.StartsWith("ImageDsl.Catalog.Packages.packages.catalog.", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("internal enum Packages", generated);
        Assert.Contains("/// <summary><c>hello-world</c> 1.0.0-r0: Prints a &lt;greeting&gt; &amp; more</summary>", generated);
        Assert.Contains("/// <remarks>Version 1.0.0-r0; licence MIT; provides cmd:hello.</remarks>", generated);
        Assert.Contains("        HelloWorld,\n", generated);
        Assert.Contains("        PackagesPackage,\n", generated);
        Assert.DoesNotContain(" = ", generated.Substring(generated.IndexOf("internal enum", StringComparison.Ordinal)));
        using var assembly = InMemoryAssembly.Load(output);
        var configuration = (ImageConfiguration?)assembly.StaticProperty("Demo.Hello", "Configuration");
        Assert.Equal(["hello-world", "libstdc++", "7zip"], configuration!.Contents.Packages);
        var mixed = (ImageConfiguration?)assembly.StaticProperty("Demo.Mixed", "Configuration");
        Assert.Equal(["tzdata", "busybox", "hello-world", "7zip", "hello-baselayout>=1.0"], mixed!.Contents.Packages);
    }

    [Fact]
    public void A_misspelt_constant_is_a_compiler_error_and_the_class_name_can_come_from_the_header()
    {
        string catalog = SampleCatalog.Replace("# source:", "# class: Wolfi\n# source:");
        var (_, output) = Run([("anything.catalog", catalog)], """
            using ImageDsl;
            [Image("hello")] [Package(Wolfi.HelloWrld)] public partial class Hello;
            """);

        Diagnostic error = Assert.Single(GeneratorHarness.Problems(output));
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("HelloWrld", error.GetMessage());
    }

    [Fact]
    public void Hover_shows_a_member_s_package_version_and_description()
    {
        var (_, output) = Run([("packages.catalog", SampleCatalog)], Image);

        ISymbol member = output.GetTypeByMetadataName("ImageDsl.Packages")!.GetMembers("HelloWorld").Single();
        string docs = member.GetDocumentationCommentXml()!;
        Assert.Contains("<c>hello-world</c> 1.0.0-r0: Prints a &lt;greeting&gt; &amp; more", docs);
        Assert.Contains("Version 1.0.0-r0; licence MIT; provides cmd:hello.", docs);
    }

    [Fact]
    public void A_member_cannot_be_joined_to_a_version_constraint()
    {
        var (_, output) = Run([("packages.catalog", SampleCatalog)], """
            using ImageDsl;
            [Image("hello")] [Package(Packages.HelloWorld + ">=1.0")] public partial class Hello;
            """);

        // An enum member is no string constant: a constraint is written as a string ("hello-world>=1.0").
        Assert.Contains(GeneratorHarness.Problems(output), d => d.Id == "CS0182");
    }

    [Fact]
    public void A_file_without_the_header_is_not_turned_into_a_class()
    {
        var (run, _) = Run([("packages.catalog", "hello-world\t1\n")], "class Unrelated { }");

        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Editing_an_image_does_not_read_the_catalogue_again()
    {
        var texts = new[] { new MemoryText("/p/packages.catalog", SampleCatalog) };
        CSharpCompilation first = GeneratorHarness.Compile(Image, "class Other { }");
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], texts, GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(first);

        SyntaxTree old = first.SyntaxTrees.First();
        CSharpCompilation second = first.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(Image.Replace("Packages._7zip", "Packages.HelloBaselayout"), GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        var catalogSteps = run.TrackedSteps[TrackingNames.Catalogs].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(catalogSteps);
        Assert.All(catalogSteps, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Contains("\"hello-baselayout\"", GeneratorHarness.Generated(run, "Demo.Hello.g.cs"));
    }

    private static (GeneratorRunResult Run, Compilation Output) Run((string Name, string Text)[] files, params string[] sources)
    {
        CSharpCompilation input = GeneratorHarness.Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()],
            files.Select(f => (AdditionalText)new MemoryText("/p/" + f.Name, f.Text)), GeneratorHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
