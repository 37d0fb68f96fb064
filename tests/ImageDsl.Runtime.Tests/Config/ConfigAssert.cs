using ImageDsl.Config;
using ImageDsl.Errors;

namespace ImageDsl.Tests.Config;

/// <summary>Helpers that load YAML text and check the located diagnostics it produces.</summary>
internal static class ConfigAssert
{
    public const string Valid = """
        contents:
          repositories:
            - https://dl-cdn.alpinelinux.org/alpine/v3.22/main
          packages:
            - busybox
        """;

    /// <summary>Parses <paramref name="yaml"/> and returns every error it must produce.</summary>
    public static IReadOnlyList<ConfigurationDiagnostic> Errors(string yaml, ConfigurationLoadOptions? options = null)
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(yaml, "test.yaml", options));
        Assert.All(error.Diagnostics, d => Assert.True(d.IsError));
        return error.Diagnostics;
    }

    /// <summary>Parses <paramref name="yaml"/>, which must produce exactly one error, with this ID at this place.</summary>
    public static ConfigurationDiagnostic SingleError(string yaml, string id, int line, int column, ConfigurationLoadOptions? options = null)
    {
        ConfigurationDiagnostic diagnostic = Assert.Single(Errors(yaml, options));
        AssertAt(diagnostic, id, "test.yaml", line, column);
        return diagnostic;
    }

    public static void AssertAt(ConfigurationDiagnostic diagnostic, string id, string file, int line, int column)
    {
        Assert.Equal((id, file, line, column), (diagnostic.Id, diagnostic.File, diagnostic.Line, diagnostic.Column));
    }

    /// <summary>Parses <paramref name="yaml"/>, which must be valid; returns its warnings.</summary>
    public static IReadOnlyList<ConfigurationDiagnostic> Warnings(string yaml) =>
        ConfigurationLoader.Parse(yaml, "test.yaml").Warnings;
}
