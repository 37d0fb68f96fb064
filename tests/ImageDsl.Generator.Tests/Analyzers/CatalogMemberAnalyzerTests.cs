using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ImageDsl.Generator.Diagnostics.Analyzers;
using ImageDsl.Tests.Support;

namespace ImageDsl.Tests.Analyzers;

/// <summary>
/// The analyzers see <c>[Package(Packages.HelloWorld)]</c> bound to a catalogue enum member and check the package it
/// names (found through the catalogue file); any other non-string value is no package (IMG0004).
/// </summary>
public class CatalogMemberAnalyzerTests
{
    private const string Catalog = "# imagedsl-catalog 1\nhello-world\t1.0.0-r0\tMIT\tPrints a greeting\tcmd:hello\nlibstdc++\t12.2.1-r4\t\t\t\n";

    /// <summary>What the generator writes for <see cref="Catalog"/> (the analyzer tests run no generator).</summary>
    private const string Generated = """
        namespace ImageDsl
        {
            [global::System.CodeDom.Compiler.GeneratedCode("ImageDsl.Generator", "0.1.0")]
            internal enum Packages
            {
                HelloWorld,
                LibstdcPlusPlus,
            }
        }
        """;

    [Fact]
    public Task A_member_is_checked_as_the_package_it_names() => VerifyAsync("""
        using ImageDsl;
        [Image("a")] [Package(Packages.HelloWorld, Packages.LibstdcPlusPlus)] [Package({|#0:"hello-world>=1.0"|})] public partial class A;
        """,
        new DiagnosticResult("IMG0005", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("hello-world"));

    [Fact]
    public Task A_value_that_names_no_package_is_reported_at_that_argument() => VerifyAsync("""
        using ImageDsl;
        internal enum Mine { HelloWorld }
        [Image("a")] [Package(Packages.HelloWorld, {|#0:42|}, {|#1:System.DayOfWeek.Monday|}, {|#2:Mine.HelloWorld|})] public partial class A;
        """,
        NoPackage(0), NoPackage(1), NoPackage(2));

    private static DiagnosticResult NoPackage(int location) =>
        new DiagnosticResult("IMG0004", DiagnosticSeverity.Error).WithLocation(location)
            .WithArguments("this value names no package: write a constraint string (\"nginx>=1.24\") or a member of a package catalogue (a .catalog AdditionalFile)");

    private static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<PackageAnalyzer, DefaultVerifier> { TestCode = source };
        OfflineReferences.Apply(test.TestState);
        test.TestState.Sources.Add(("Packages.g.cs", Generated));
        test.TestState.AdditionalFiles.Add(("packages.catalog", Catalog));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
