using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tool.Commands;
using ImageDsl.Tool.Projects;

namespace ImageDsl.Tests.Dsl;

/// <summary>
/// `import` writes configuration text into C# string literals. Characters C# reads as line ends (U+2028,
/// U+2029, U+0085) or that hide what code does (bidi overrides) must be escaped: raw, the first breaks the
/// literal (and anything after it would be compiled as code), the second misleads a reviewer.
/// </summary>
public class ImportEscapingTests
{
    public static TheoryData<string> Hostile() => new()
    {
        "a\u2028b",
        "a\u2029b",
        "a\u0085b",
        "\u202Eevil\u202C",
        "x\u2028\"); System.IO.File.Delete(\"/etc/passwd\"); //",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Text_that_CSharp_reads_as_a_line_end_is_escaped_and_round_trips(string value)
    {
        string yaml = $"""
            contents:
              packages: [busybox]
            environment:
              VALUE: "{YamlEscape(value)}"
            cmd: "{YamlEscape(value)}"
            """;
        LoadedConfiguration original = ConfigurationLoader.Parse(yaml, "hostile.yaml");
        Assert.Equal(value, original.Configuration.Environment["VALUE"]);
        string source = ImportCommand.Convert(original, "hostile", "Imported", "Hostile");

        // No character that ends a C# line or reorders text appears raw in the source.
        Assert.DoesNotContain(source, c => c is '\u2028' or '\u2029' or '\u0085' or '\u202E' or '\u202C');
        var (problems, output) = await InMemoryImages.CompileAsync(source);
        Assert.True(problems.IsEmpty, $"diagnostics:\n{string.Join("\n", problems)}\n--- source ---\n{source}");
        ProjectImage image = Assert.Single(InMemoryImages.Load(output));
        Assert.Equal(value, image.Configuration.Environment["VALUE"]);
        Assert.Equal(original.Configuration.Cmd, image.Configuration.Cmd);
    }

    /// <summary>Multi-line text becomes a raw literal, unless it holds a character a raw literal cannot keep.</summary>
    [Fact]
    public async Task Multi_line_text_with_a_line_separator_is_not_written_as_a_raw_literal()
    {
        string value = "line one\nline\u2028two\n";
        var config = ConfigurationLoader.Parse($"contents:\n  packages: [busybox]\nenvironment:\n  VALUE: \"{YamlEscape(value)}\"\n", "hostile.yaml");
        string source = ImportCommand.Convert(config, "hostile", "Imported", "Hostile");
        Assert.DoesNotContain('\u2028', source);
        var (problems, output) = await InMemoryImages.CompileAsync(source);
        Assert.True(problems.IsEmpty, string.Join("\n", problems) + "\n" + source);
        Assert.Equal(value, Assert.Single(InMemoryImages.Load(output)).Configuration.Environment["VALUE"]);
    }

    [Fact]
    public void A_class_name_with_a_trailing_newline_is_refused() =>
        Assert.Throws<ImageDsl.Errors.ImageDslException>(() => CSharpImageWriterFacade("Hostile\n"));

    private static string CSharpImageWriterFacade(string className) =>
        ImportCommand.Convert(ConfigurationLoader.Parse("contents:\n  packages: [busybox]\n", "x.yaml"), "x", "Imported", className);

    /// <summary>A YAML double-quoted scalar body: every non-ASCII or special character as an escape.</summary>
    private static string YamlEscape(string value) =>
        string.Concat(value.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            _ when c < 0x20 || c > 0x7E => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));
}
