using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ImageDsl.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ImageDsl.Benchmarks.Generator;

/// <summary>
/// The source generator over a project of 100 image classes (one file each, a quarter deriving from a
/// shared abstract base) plus one unrelated file, driven by CSharpGeneratorDriver as the compiler
/// drives it (no step tracking). Only the driver run is measured: each iteration gets a new
/// compilation object (`Clone`/`ReplaceSyntaxTree`, microseconds) so no semantic cache is reused
/// across iterations, as in a real build or edit.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int ImageCount = 100;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;
    private SyntaxTree _image42 = null!;
    private SyntaxTree _edited42 = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _editedUnrelated = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = Enumerable.Range(0, ImageCount)
            .Select(i => Parse(ImageProject.Image(i, "curl"), $"Images/Image{i}.cs"))
            .Append(Parse(ImageProject.Base, "Images/WolfiBase.cs"))
            .Append(Parse(ImageProject.Unrelated(0), "Other/Unrelated.cs"))
            .ToList();
        _image42 = trees[42];
        _edited42 = Parse(ImageProject.Image(42, "wget"), _image42.FilePath);
        _unrelated = trees[^1];
        _editedUnrelated = Parse(ImageProject.Unrelated(1), _unrelated.FilePath);
        _compilation = CSharpCompilation.Create("Images", trees, ImageProject.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        _warm = CreateDriver().RunGeneratorsAndUpdateCompilation(_compilation.Clone(), out Compilation output, out _);
        GeneratorDriverRunResult result = _warm.GetRunResult();
        // The project must be valid C# with the generated code, or the benchmark measures error paths.
        ImmutableArray<Diagnostic> problems = result.Diagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        if (result.GeneratedTrees.Length < ImageCount || !problems.IsEmpty)
        {
            throw new InvalidOperationException(
                $"the generator made {result.GeneratedTrees.Length} files; problems: {string.Join("; ", problems)}");
        }
    }

    [Benchmark(Description = "full run, 100 images")]
    public int FullRun() => CreateDriver().RunGenerators(_compilation.Clone()).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "re-run after editing one image")]
    public int EditOneImage() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_image42, _edited42)).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "re-run after editing an unrelated file")]
    public int EditUnrelatedFile() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _editedUnrelated)).GetRunResult().GeneratedTrees.Length;

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);
}
