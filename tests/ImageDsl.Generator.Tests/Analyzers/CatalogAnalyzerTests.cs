using ImageDsl.Generator.Diagnostics.Analyzers;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ImageDsl.Tests.Analyzers;

/// <summary>Catalogue lines that cannot be read (IMG0034) and services without s6 in any catalogue (IMG0041).</summary>
public class CatalogAnalyzerTests
{
    [Fact]
    public Task Bad_lines_are_reported_in_the_catalogue() => VerifyAsync(
        "public class Unrelated { }",
        ("packages.catalog", "# imagedsl-catalog 1\n# class: 9x\nhello\t1\nbroken-line\nhello\t2\n"),
        new DiagnosticResult("IMG0034", DiagnosticSeverity.Error).WithSpan("packages.catalog", 2, 1, 2, 12)
            .WithArguments("the catalogue packages.catalog, line 2: '9x' is not a C# class name"),
        new DiagnosticResult("IMG0034", DiagnosticSeverity.Error).WithSpan("packages.catalog", 4, 1, 4, 12)
            .WithArguments("the catalogue packages.catalog, line 4: expected name<TAB>version<TAB>licence<TAB>description<TAB>provides"),
        new DiagnosticResult("IMG0034", DiagnosticSeverity.Error).WithSpan("packages.catalog", 5, 1, 5, 8)
            .WithArguments("the catalogue packages.catalog, line 5: the package 'hello' is listed twice"));

    [Fact]
    public Task Services_are_reported_when_no_catalogue_has_s6() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Service({|#0:"web"|}, "/usr/bin/web")] public partial class Web;
        [Image("plain")] [Entrypoint("/usr/bin/web")] public partial class Plain;
        """,
        ("packages.catalog", "# imagedsl-catalog 1\nweb\t1-r0\tMIT\tweb server\t\n"),
        new DiagnosticResult("IMG0041", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("packages.catalog"));

    [Fact]
    public Task A_catalogue_with_s6_or_a_provider_of_it_is_enough() => VerifyAsync("""
        using ImageDsl;
        [Image("web")] [Service("web", "/usr/bin/web")] public partial class Web;
        """,
        ("packages.catalog", "# imagedsl-catalog 1\nweb\t1-r0\tMIT\tweb server\t\ns6-stand-in\t1-r0\tMIT\ts6\ts6\n"));

    private static async Task VerifyAsync(string source, (string Name, string Text) file, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<CatalogAnalyzer, DefaultVerifier> { TestCode = source };
        OfflineReferences.Apply(test.TestState);
        test.TestState.AdditionalFiles.Add((file.Name, file.Text));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
