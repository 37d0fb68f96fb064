using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ImageDsl.Tests.Support;

/// <summary>
/// Reference assemblies for Microsoft.CodeAnalysis.Testing that never touch NuGet. The stock
/// ReferenceAssemblies.Net.* download a reference package at run time; this one names no package
/// (so it resolves to nothing) and the tests add the running runtime's assemblies instead.
/// </summary>
public static class OfflineReferences
{
    /// <summary>Names no package, so resolving it downloads nothing.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>What the testing framework would download into if anything asked it to.</summary>
    public static string PackageFolder => Path.Combine(Path.GetTempPath(), "test-packages");

    /// <summary>Applies the offline references to a test's state.</summary>
    public static void Apply(SolutionState state)
    {
        state.ReferenceAssemblies = None;
        state.AdditionalReferences.AddRange(References.Default);
    }

    public static ImmutableArray<MetadataReference> All => References.Default;
}
