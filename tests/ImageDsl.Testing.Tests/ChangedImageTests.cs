using System.Reflection;
using System.Runtime.Loader;
using ImageDsl.Generator;
using ImageDsl.Tests.Packaging;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Tests;

/// <summary>
/// The documented tests (docs/testing-images.md's HelloMinimalTests.cs) fail when the image class changes:
/// the samples' HelloMinimal.cs is changed as a user would edit it, compiled in-process with the ImageDsl
/// generator together with the documented test file, and the documented tests are run against it.
/// </summary>
public sealed class ChangedImageTests
{
    private static readonly string Sample = File.ReadAllText(Fixtures.Repo("samples", "ImageDsl.Samples", "HelloMinimal.cs"));

    [Fact]
    public async Task The_documented_tests_pass_against_the_sample_as_it_is()
    {
        IReadOnlyDictionary<string, Exception?> results = await RunDocumentedTests(Sample);

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}"));
    }

    [Theory]
    [InlineData("[Entrypoint(\"/usr/bin/hello\")]", "[Entrypoint(\"/usr/bin/env\")]", "Runs_hello_as_the_hello_user")]
    [InlineData("[RunAs(\"hello\")]", "", "Runs_hello_as_the_hello_user")]
    [InlineData("[Package(Packages.HelloWorld)]", "[Package(Packages.HelloBaselayout)]", "Installs_the_hello_binary_owned_by_root")]
    public async Task A_change_to_the_class_fails_the_documented_test(string original, string changed, string test)
    {
        Assert.Contains(original, Sample); // the edit applies to the sample as it is today

        IReadOnlyDictionary<string, Exception?> results = await RunDocumentedTests(Sample.Replace(original, changed, StringComparison.Ordinal), test);

        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(results[test]);
    }

    [Fact]
    public async Task With_its_lock_file_the_sample_is_built_from_its_compiled_plan()
    {
        IReadOnlyDictionary<string, Exception?> results = await RunDocumentedTests(Sample, withLock: true);

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}"));
    }

    [Fact]
    public async Task A_class_changed_since_its_lock_is_refused_not_built_from_the_stale_plan()
    {
        // The lock was made for the sample as it is; building the changed class from that plan would test
        // packages nobody chose for it. The build refuses and says how to lock again.
        string changed = Sample.Replace("[Entrypoint(\"/usr/bin/hello\")]", "[Entrypoint(\"/usr/bin/env\")]", StringComparison.Ordinal);

        IReadOnlyDictionary<string, Exception?> results = await RunDocumentedTests(changed, "Installs_the_hello_binary_owned_by_root", withLock: true);

        ImageDsl.Errors.ImageDslException refused = Assert.IsType<ImageDsl.Errors.ImageDslException>(results["Installs_the_hello_binary_owned_by_root"]);
        Assert.Contains("made for another configuration", refused.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet image lock --project <project> --image hello-minimal", refused.Hint, StringComparison.Ordinal);
    }

    /// <summary>Compiles the image class and the documented test file, then runs the documented [Fact]s (or one of them).</summary>
    /// <param name="withLock">Also give the compiler the sample's lock file, so the image class gets its compiled plan.</param>
    private static async Task<IReadOnlyDictionary<string, Exception?>> RunDocumentedTests(string helloMinimal, string? only = null, bool withLock = false)
    {
        Assembly compiled = Compile(withLock,
            ("HelloMinimal.cs", helloMinimal),
            ("SampleRepository.cs", File.ReadAllText(Fixtures.Repo("samples", "ImageDsl.Samples", "SampleRepository.cs"))),
            ("HelloMinimalTests.cs", DocsExample.TestFile),
            ("Usings.cs", "global using System; global using System.IO; global using System.Linq; global using System.Threading.Tasks; global using Xunit;"));
        Type tests = compiled.GetType("MyImages.Tests.HelloMinimalTests", throwOnError: true)!;
        var results = new Dictionary<string, Exception?>();
        foreach (MethodInfo fact in tests.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null && (only is null || m.Name == only)))
        {
            try
            {
                await (Task)fact.Invoke(Activator.CreateInstance(tests), null)!;
                results[fact.Name] = null;
            }
            catch (Exception e)
            {
                results[fact.Name] = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            }
        }
        return results;
    }

    /// <summary>Compiles <paramref name="sources"/> with the ImageDsl generator (and the samples' package catalogue) and loads the result.</summary>
    internal static Assembly Compile(bool withLock, params (string Path, string Text)[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        CSharpCompilation input = CSharpCompilation.Create(
            "ChangedImages" + Guid.NewGuid().ToString("N"),
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, path: s.Path)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var catalog = new FileText(Fixtures.Repo("samples", "ImageDsl.Samples", "packages.catalog"));
        AdditionalText[] additional = withLock
            ? [catalog, new FileText(Fixtures.Repo("samples", "ImageDsl.Samples", "hello-minimal.lock.json"))]
            : [catalog];
        CSharpGeneratorDriver.Create([new ImageGenerator().AsSourceGenerator()], additional, parse)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        // Collectible; ImageDsl, xunit and the framework resolve from the test's own load context.
        return new AssemblyLoadContext("changed-image", isCollectible: true).LoadFromStream(image);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(path));
    }
}
