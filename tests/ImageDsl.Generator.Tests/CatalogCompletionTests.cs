using ImageDsl.Generator;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Recommendations;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Tests;

/// <summary>
/// What an editor offers after <c>Packages.</c>: Roslyn's own recommender (the service completion lists in every
/// Roslyn-based editor are built from) over a project holding the generated catalogue, as an IDE holds it.
/// </summary>
public class CatalogCompletionTests
{
    private const string Typing = """
        using ImageDsl;
        [Image("web")] [Package(Packages.)] public partial class Web;
        """;

    [Fact]
    public async Task Typing_the_catalogue_name_and_a_dot_lists_its_packages_with_their_versions()
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("Images", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose))
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithMetadataReferences(References.Default)
            .AddAdditionalDocument("packages.catalog", SourceText.From(CatalogGeneratorTests.SampleCatalog), filePath: "/p/packages.catalog").Project
            .AddAnalyzerReference(new GeneratorReference());
        Document document = project.AddDocument("Web.cs", Typing, filePath: "/p/Web.cs");

        int position = Typing.IndexOf("Packages.", StringComparison.Ordinal) + "Packages.".Length;
        IEnumerable<ISymbol> offered = await Recommender.GetRecommendedSymbolsAtPositionAsync(document, position);

        Assert.Equal(["HelloBaselayout", "HelloWorld", "LibstdcPlusPlus", "PackagesPackage", "_7zip"],
            offered.Where(s => s.Kind == SymbolKind.Field).Select(s => s.Name).Order(StringComparer.Ordinal));
        ISymbol hello = offered.Single(s => s.Name == "HelloWorld");
        Assert.Contains("<c>hello-world</c> 1.0.0-r0: Prints a &lt;greeting&gt; &amp; more", hello.GetDocumentationCommentXml());
    }

    /// <summary>The generator as a project's analyzer reference, the way an IDE loads it from the package.</summary>
    private sealed class GeneratorReference : Microsoft.CodeAnalysis.Diagnostics.AnalyzerReference
    {
        public override string FullPath => typeof(ImageGenerator).Assembly.Location;

        public override object Id => FullPath;

        public override System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => [];

        public override System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> GetAnalyzers(string language) => [];

        public override System.Collections.Immutable.ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => [new ImageGenerator().AsSourceGenerator()];

        public override System.Collections.Immutable.ImmutableArray<ISourceGenerator> GetGenerators(string language) => [new ImageGenerator().AsSourceGenerator()];
    }
}
