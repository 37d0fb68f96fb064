using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Tests.Support;

/// <summary>
/// Emits a compilation to memory and loads it in a collectible context. ImageDsl.Abstractions is
/// shared with the test (the context falls back to the default one), so the loaded code's
/// ImageConfiguration is the test's ImageConfiguration.
/// </summary>
public sealed class InMemoryAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private InMemoryAssembly(AssemblyLoadContext context, System.Reflection.Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public System.Reflection.Assembly Assembly { get; }

    public static InMemoryAssembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, "emit failed:\n" + string.Join("\n", result.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return new InMemoryAssembly(context, context.LoadFromStream(image));
    }

    /// <summary>Reads a public static property of a type in the loaded assembly.</summary>
    public object? StaticProperty(string typeName, string property) =>
        Assembly.GetType(typeName, throwOnError: true)!
            .GetProperty(property, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)!
            .GetValue(null);

    public void Dispose() => _context.Unload();
}
