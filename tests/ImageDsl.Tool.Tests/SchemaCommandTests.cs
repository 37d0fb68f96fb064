using System.Text.Json;
using ImageDsl.Config;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests;

/// <summary>`dotnet image schema`.</summary>
public class SchemaCommandTests
{
    [Fact]
    public async Task Prints_the_schema_as_valid_json()
    {
        var stdout = new StringWriter();
        int exit = await ImageCli.RunAsync(["schema"], stdout, new StringWriter());
        Assert.Equal(0, exit);
        using JsonDocument schema = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal(ConfigurationSchema.Json, stdout.ToString());
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await ImageCli.RunAsync(["schema", "--help"], stdout, new StringWriter()));
        Assert.Contains("Example:", stdout.ToString());
    }
}
