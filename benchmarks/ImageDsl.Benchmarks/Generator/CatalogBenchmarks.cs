using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Benchmarks.Generator;

/// <summary>
/// What a package catalogue adds to a compile: the 100-image project of <see cref="GeneratorBenchmarks"/>
/// compiled (generator run, then Emit to memory, as a warm `dotnet build` compiles) without and with
/// the Alpine 3.17 main catalogue (5,004 packages, written from the shared fixture's APKINDEX by
/// <see cref="PackageCatalogWriter"/>) as an AdditionalFile; and the incremental re-run after an
/// image edit, which must not parse the catalogue again.
/// </summary>
[MemoryDiagnoser]
public class CatalogBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private AdditionalText _catalog = null!;
    private GeneratorDriver _warmWithCatalog = null!;
    private SyntaxTree _image42 = null!;
    private SyntaxTree _edited42 = null!;

    /// <summary>The catalogue's size, for the report.</summary>
    public int CatalogPackages { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] archive = File.ReadAllBytes(FixturePaths.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"));
        ApkIndex index = ApkIndex.Read(archive, ApkRepository.Parse("https://dl-cdn.alpinelinux.org/alpine/v3.17/main"), "aarch64", "bench", null);
        string text = PackageCatalogWriter.Write(
            index.Packages.Select(p => new CatalogPackage(p.Name, p.Version, p.License, p.Description, p.Provides.Select(c => c.Name).ToList())),
            "Alpine", "alpine v3.17 main (aarch64)");
        CatalogPackages = index.Packages.Select(p => p.Name).Distinct().Count();
        _catalog = new MemoryText("/bench/alpine.catalog", text);

        var trees = Enumerable.Range(0, GeneratorBenchmarks.ImageCount)
            .Select(i => Parse(ImageProject.Image(i, "curl"), $"Images/Image{i}.cs"))
            .Append(Parse(ImageProject.Base, "Images/WolfiBase.cs"))
            .Append(Parse("namespace Other; internal static class UsesCatalog { public const ImageDsl.Alpine P = ImageDsl.Alpine.Nginx; }", "Other/UsesCatalog.cs"))
            .ToList();
        _image42 = trees[42];
        _edited42 = Parse(ImageProject.Image(42, "wget"), _image42.FilePath);
        _compilation = CSharpCompilation.Create("Images", trees, ImageProject.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        _warmWithCatalog = CreateDriver([_catalog]).RunGeneratorsAndUpdateCompilation(_compilation.Clone(), out Compilation output, out _);
        ImmutableArray<Diagnostic> problems = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (!problems.IsEmpty || CatalogPackages < 5000)
        {
            throw new InvalidOperationException($"{CatalogPackages} packages; problems: {string.Join("; ", problems.Take(5))}");
        }
    }

    [Benchmark(Baseline = true, Description = "compile 100 images, no catalogue (generator + emit)")]
    public long CompileWithoutCatalog() => Compile(CreateDriver([]), withCatalogUse: false);

    [Benchmark(Description = "compile 100 images + Alpine catalogue (generator + emit)")]
    public long CompileWithCatalog() => Compile(CreateDriver([_catalog]), withCatalogUse: true);

    [Benchmark(Description = "generator only: parse + write the catalogue enum")]
    public int GenerateCatalogOnly() => CreateDriver([_catalog]).RunGenerators(_compilation.Clone()).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "re-run after editing one image, catalogue present")]
    public int EditOneImageWithCatalog() =>
        _warmWithCatalog.RunGenerators(_compilation.ReplaceSyntaxTree(_image42, _edited42)).GetRunResult().GeneratedTrees.Length;

    private long Compile(GeneratorDriver driver, bool withCatalogUse)
    {
        Compilation input = withCatalogUse ? _compilation.Clone() : _compilation.RemoveSyntaxTrees(_compilation.SyntaxTrees.Last());
        driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("; ", result.Diagnostics.Take(5)));
        }
        return stream.Length;
    }

    private static GeneratorDriver CreateDriver(AdditionalText[] additional) =>
        CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], additional, ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
