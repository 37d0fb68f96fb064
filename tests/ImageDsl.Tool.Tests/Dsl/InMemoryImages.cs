using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using ImageDsl.Generator;
using ImageDsl.Tool.Projects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Tests.Dsl;

/// <summary>
/// Compiles C# image classes in memory the way a project build does (the ImageDsl generator plus every
/// ImageDsl analyzer), then loads the result in a collectible context sharing ImageDsl.Abstractions.
/// </summary>
internal static class InMemoryImages
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .Append(typeof(ImageAttribute).Assembly.Location)
            .Order(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(() =>
        typeof(ImageGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray());

    /// <summary>The analyzers a project build runs (there are several; an empty list would make "no diagnostics" meaningless).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers => Analyzers.Value;

    /// <summary>Compiles <paramref name="sources"/> with the generator and the analyzers; returns every diagnostic of warning level or above, and the output.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Problems, Compilation Output)> CompileAsync(params string[] sources)
    {
        var input = CSharpCompilation.Create(
            "ImportedImages",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Image{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = await output.WithAnalyzers(AllAnalyzers).GetAnalyzerDiagnosticsAsync();
        ImmutableArray<Diagnostic> problems = [.. generatorDiagnostics, .. output.GetDiagnostics(), .. analyzerDiagnostics];
        return (problems.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray(), output);
    }

    /// <summary>
    /// Compiles <paramref name="source"/> with the generator, with <paramref name="additionalFiles"/> (lock files,
    /// catalogues) as a project's AdditionalFiles, and writes the assembly into <paramref name="folder"/> (as a
    /// project build would; `--project &lt;dll&gt;` then reads it). Fails the test on a compiler warning or error.
    /// </summary>
    public static string EmitAssembly(string folder, string source, params string[] additionalFiles)
    {
        var input = CSharpCompilation.Create(
            "CompiledImages",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Images.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], [.. additionalFiles.Select(f => (AdditionalText)new FileText(f))], ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics.Concat(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "CompiledImages.dll");
        var result = output.Emit(path);
        Assert.True(result.Success, "emit failed:\n" + string.Join("\n", result.Diagnostics));
        return path;
    }

    /// <summary>An AdditionalFiles item read from disk.</summary>
    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(Path));
    }

    /// <summary>Emits <paramref name="compilation"/>, loads it, and returns its images (Abstractions is the test's own, so the model types are shared).</summary>
    public static IReadOnlyList<ProjectImage> Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, "emit failed:\n" + string.Join("\n", result.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        try
        {
            return ImageCatalog.Discover(context.LoadFromStream(image))
                .Select(i => new ProjectImage(i.Name, i.Type.FullName!, i.Configuration))
                .ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
