using ImageDsl.Tests.Support;

namespace ImageDsl.Tests;

public class GeneratorOutputTests
{
    [Theory]
    [InlineData("Minimal", Samples.Minimal)]
    [InlineData("Nginx", Samples.Nginx)]
    [InlineData("Inheritance", Samples.Inheritance)]
    [InlineData("Composition", Samples.Composition)]
    [InlineData("Nested", Samples.Nested)]
    [InlineData("GlobalNamespace", Samples.GlobalNamespace)]
    public void Generated_files_match_golden_files_and_compile_cleanly(string scenario, string source)
    {
        var (run, output) = GeneratorHarness.Run(source);

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.NotEmpty(run.GeneratedSources);
        foreach (var generated in run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            GoldenFile.AssertMatches(scenario, generated.HintName, generated.SourceText.ToString());
        }
    }

    [Fact]
    public void Hint_names_are_namespace_qualified_and_unique()
    {
        var (run, _) = GeneratorHarness.Run(Samples.Nested);

        Assert.Equal(
            ["Demo.Images.PublicTool.g.cs", "Demo.Images.Tool.g.cs"],
            run.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        string invariant = GeneratorHarness.Generated(GeneratorHarness.Run(Samples.Nginx).Run, "Demo.Web.Nginx.g.cs");
        try
        {
            // fi-FI formats negative numbers with U+2212 and uses other separators.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fi-FI");
            Assert.Equal(invariant, GeneratorHarness.Generated(GeneratorHarness.Run(Samples.Nginx).Run, "Demo.Web.Nginx.g.cs"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_class_that_is_not_partial_gets_no_generated_code()
    {
        var (run, _) = GeneratorHarness.Run("""
            using ImageDsl;
            [Image("x")] public class NotPartial;
            """);

        Assert.Empty(run.GeneratedSources);
    }
}
