using ImageDsl.Tests.Support;
using Verify = ImageDsl.Tests.Support.AnalyzerVerifier<ImageDsl.Generator.Diagnostics.Analyzers.ArchitectureAnalyzer>;

namespace ImageDsl.Tests.Analyzers;

/// <summary>The analyzer and code-fix tests never download reference packages (tests may not use the network).</summary>
public class OfflineTestingTests
{
    private static readonly string[] ReferencePackagePrefixes =
        ["microsoft.netcore.app.ref", "netstandard.library", "microsoft.netframework.referenceassemblies", "microsoft.aspnetcore.app.ref"];

    [Fact]
    public async Task Analyzer_tests_resolve_no_package_and_download_nothing()
    {
        Assert.Null(OfflineReferences.None.ReferenceAssemblyPackage);
        Assert.Empty(OfflineReferences.None.Packages);
        Assert.Empty(await OfflineReferences.None.ResolveAsync(Microsoft.CodeAnalysis.LanguageNames.CSharp, CancellationToken.None));

        await Verify.VerifyAsync("""
            using ImageDsl;
            [Image("a")] [Arch(Arch.Amd64)] public partial class A;
            """);

        // The testing library creates its package folder (with a lock file) eagerly; nothing may be unpacked in it.
        if (Directory.Exists(OfflineReferences.PackageFolder))
        {
            var unpacked = Directory.EnumerateDirectories(OfflineReferences.PackageFolder)
                .Select(d => Path.GetFileName(d)!.ToLowerInvariant())
                .Where(d => ReferencePackagePrefixes.Any(d.StartsWith))
                .ToList();
            Assert.Empty(unpacked);
        }
    }
}
