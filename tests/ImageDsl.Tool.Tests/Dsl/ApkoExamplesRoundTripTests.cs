using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tool.Commands;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tests.Dsl;

/// <summary>
/// Done-when for "images as C#": every apko example goes apko.yaml → C# (import) → compiled with the generator
/// and analyzers (no diagnostics) → the class's Configuration → apko.yaml (export) → read back, and the model
/// read back equals the one first read. Both reads merge includes, validate and derive, so the comparison is
/// between built-equivalent models; import removes the derived values and the second read restores them.
/// </summary>
public class ApkoExamplesRoundTripTests
{
    private static string ExamplesRoot => Fixtures.Shared("apko-examples");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(ExamplesRoot, "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void All_nineteen_examples_are_covered() => Assert.Equal(19, Examples().Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_round_trips_through_CSharp(string example)
    {
        // apko resolves `include: examples/alpine-base.yaml` against the working directory.
        var options = new ConfigurationLoadOptions { WorkingDirectory = ExamplesRoot };
        LoadedConfiguration original = ConfigurationLoader.Load(Path.Combine("examples", example), options);
        string className = ImportCommand.ClassName(example);
        string source = ImportCommand.Convert(original, Path.GetFileNameWithoutExtension(example), "Imported.Examples", className);

        var (problems, output) = await InMemoryImages.CompileAsync(source);

        Assert.True(problems.IsEmpty, $"{example} imported as C# has diagnostics:\n{string.Join("\n", problems)}\n--- source ---\n{source}");
        ProjectImage image = Assert.Single(InMemoryImages.Load(output));
        Assert.Equal($"Imported.Examples.{className}", image.TypeName);
        string exported = ExportCommand.Export(image, TextWriter.Null);
        ImageConfiguration roundTripped = ConfigurationLoader.Parse(exported, example, options).Configuration;
        Assert.True(original.Configuration == roundTripped,
            $"{example} changed on the way through C#\n--- first read ---\n{ApkoYamlWriter.Write(original.Configuration)}\n--- after C# ---\n{ApkoYamlWriter.Write(roundTripped)}");
    }
}
