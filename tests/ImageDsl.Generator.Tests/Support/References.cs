using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Tests.Support;

/// <summary>
/// Metadata references for test compilations, taken from the running .NET runtime's own folder and
/// the ImageDsl.Abstractions build output, so no reference package is ever downloaded.
/// </summary>
public static class References
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    /// <summary>The runtime's assemblies plus ImageDsl.Abstractions.</summary>
    public static ImmutableArray<MetadataReference> Default => All.Value;

    /// <summary>The folder of the running runtime (e.g. .../shared/Microsoft.NETCore.App/10.0.x).</summary>
    public static string RuntimeDirectory => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>The runtime's assembly file paths.</summary>
    public static IEnumerable<string> RuntimeAssemblyPaths =>
        Directory.EnumerateFiles(RuntimeDirectory, "*.dll")
            .Where(IsManagedAssembly)
            .OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>The ImageDsl.Abstractions assembly the tests were built against.</summary>
    public static string AbstractionsPath => typeof(ImageAttribute).Assembly.Location;

    private static ImmutableArray<MetadataReference> Load() =>
        RuntimeAssemblyPaths.Append(AbstractionsPath)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
