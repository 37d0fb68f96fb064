using System.Collections.Immutable;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Tests;

/// <summary>Broken declarations: the generator still emits compiling code and nobody throws.</summary>
public class GeneratorRobustnessTests
{
    [Fact]
    public void Invalid_values_leave_the_analyzers_to_complain_and_the_generated_code_compiling()
    {
        var (run, output) = GeneratorHarness.Run(BrokenSource);

        Assert.Null(run.Exception);
        Assert.Empty(GeneratorHarness.Problems(output));
        string broken = GeneratorHarness.Generated(run, "Broken.g.cs");
        Assert.Contains("Packages =", broken);
        Assert.DoesNotContain("Permissions", broken);
        Assert.Contains("global::ImageDsl.Model.Architecture.Amd64", GeneratorHarness.Generated(run, "AlsoBroken.g.cs"));
    }

    private const string BrokenSource = """
            using ImageDsl;
            [Image(null!)]
            [Package(null!, "", "ok")]
            [Arch((Arch)42, Arch.Amd64)]
            [User("a", Uid = -5, Gid = 5000000000)]
            [Group(null!, Members = null!)]
            [Directory("/x", Mode = "rwx")]
            [Symlink("/a", null!)]
            [Layering(Budget = -1)]
            [Env(null!, null!)]
            [Entrypoint]
            public partial class Broken;

            [Image("b")]
            [Arch("sparc", "x86_64")]
            [RunAs(-1)]
            public partial class AlsoBroken;
            """;

    [Fact]
    public async Task Analyzers_do_not_throw_on_broken_declarations()
    {
        var (_, output) = GeneratorHarness.Run(BrokenSource);
        var analyzers = Analyzers.DescriptorCatalogTests.Analyzers.ToImmutableArray();

        var diagnostics = await output.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        // AD0001 is how Roslyn reports an analyzer that threw.
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == "IMG0016");
        Assert.Contains(diagnostics, d => d.Id == "IMG0003");
    }

    [Fact]
    public void A_class_with_an_unbound_attribute_argument_is_still_generated()
    {
        var (run, _) = GeneratorHarness.Run("""
            using ImageDsl;
            [Image("x")] [Package(Missing.Value)] public partial class X;
            """);

        Assert.Null(run.Exception);
        Assert.Single(run.GeneratedSources);
    }
}
