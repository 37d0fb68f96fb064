using System.Reflection;
using ImageDsl.Diagnostics;
using ImageDsl.Generator;
using ImageDsl.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Tests.Analyzers;

/// <summary>The analyzers, the shared catalogue, the release-tracking file and the docs agree.</summary>
public class DescriptorCatalogTests
{
    /// <summary>IDs that only the YAML side (or the tool) can report; C# makes them impossible or checks them elsewhere.</summary>
    private static readonly string[] YamlOrToolOnly =
        ["IMG0001", "IMG0002", "IMG0011", "IMG0022", "IMG0032", "IMG0042", "IMG0043"];

    public static IEnumerable<DiagnosticAnalyzer> Analyzers =>
        typeof(ImageGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    private static IEnumerable<DiagnosticDescriptor> Descriptors =>
        Analyzers.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id);

    [Fact]
    public void Every_descriptor_matches_its_catalogue_entry()
    {
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            DiagnosticInfo info = Assert.Single(DiagnosticCatalog.All, i => i.Id == descriptor.Id);
            Assert.Equal(info.Title, descriptor.Title.ToString());
            Assert.Equal(info.MessageFormat, descriptor.MessageFormat.ToString());
            Assert.Equal(info.Hint, descriptor.Description.ToString());
            Assert.Equal(info.HelpLink, descriptor.HelpLinkUri);
            Assert.Equal(info.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.Equal("ImageDsl", descriptor.Category);
        }
    }

    [Fact]
    public void Every_catalogue_id_is_reported_by_an_analyzer_or_listed_as_yaml_only()
    {
        var reported = Descriptors.Select(d => d.Id).ToHashSet();
        Assert.Empty(reported.Intersect(YamlOrToolOnly));
        Assert.Equal(
            DiagnosticCatalog.All.Select(i => i.Id).Order(),
            reported.Concat(YamlOrToolOnly).Order());
    }

    [Fact]
    public void Release_tracking_lists_every_reported_id_with_its_severity()
    {
        string releases = File.ReadAllText(RepositoryFile("src/ImageDsl.Generator/AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.Contains($"{descriptor.Id} | ImageDsl | {descriptor.DefaultSeverity} |", releases);
        }
    }

    [Fact]
    public void Docs_have_a_section_for_every_catalogue_id()
    {
        string docs = File.ReadAllText(RepositoryFile("docs/diagnostics.md"));
        foreach (DiagnosticInfo info in DiagnosticCatalog.All)
        {
            Assert.Contains($"## {info.Id}", docs);
        }
    }

    private static string RepositoryFile(string relative)
    {
        string root = Path.GetFullPath(Path.Combine(GoldenFile.ProjectDirectory, "..", ".."));
        return Path.Combine(root, relative);
    }
}
