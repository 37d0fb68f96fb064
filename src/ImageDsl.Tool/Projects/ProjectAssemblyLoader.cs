using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// Loads a built images assembly in a collectible context and reads its images. ImageDsl.Abstractions is
/// always the tool's own copy, so the generated <c>ImageConfiguration</c> values are the tool's type;
/// other dependencies come from the assembly's folder (its deps.json). The context is unloaded afterwards:
/// the configurations are plain data of the tool's types and outlive it.
/// </summary>
internal static class ProjectAssemblyLoader
{
    private static readonly string AbstractionsName = typeof(ImageCatalog).Assembly.GetName().Name!;

    [RequiresUnreferencedCode("Loads the project's assembly and reads its images by reflection (ManagedHandOff keeps the native build away from here).")]
    public static IReadOnlyList<ProjectImage> Load(string assemblyPath)
    {
        var context = new ImagesLoadContext(assemblyPath);
        try
        {
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(assemblyPath);
            }
            catch (Exception error) when (error is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"cannot load {assemblyPath}: {error.Message}",
                    "Give a .NET assembly built from a project that references ImageDsl.Abstractions and the ImageDsl generator.", error);
            }
            if (!References(assembly, AbstractionsName))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"{assemblyPath} does not reference {AbstractionsName}, so it declares no images",
                    "Reference ImageDsl.Abstractions and the ImageDsl generator from the project (see docs/dsl.md).");
            }
            try
            {
                return ImageCatalog.Discover(assembly)
                    .Select(i => new ProjectImage(i.Name, i.Type.FullName ?? i.Type.Name, i.Configuration) { Plan = i.Plan, LayerCompression = i.LayerCompression })
                    .ToList();
            }
            catch (Exception error) when (error is InvalidOperationException or TargetInvocationException or TypeLoadException)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"cannot read the images of {assemblyPath}: {(error.InnerException ?? error).Message}",
                    "Rebuild the project with the ImageDsl generator referenced as an analyzer (see docs/dsl.md).", error);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [RequiresUnreferencedCode("Reads assembly references.")]
    private static bool References(Assembly assembly, string name) =>
        assembly.GetReferencedAssemblies().Any(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    private sealed class ImagesLoadContext(string assemblyPath) : AssemblyLoadContext($"images:{Path.GetFileName(assemblyPath)}", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached through ProjectAssemblyLoader.Load, which requires unreferenced code.")]
        protected override Assembly? Load(AssemblyName name)
        {
            // null falls back to the default context: the tool's ImageDsl.Abstractions and the shared framework.
            if (string.Equals(name.Name, AbstractionsName, StringComparison.Ordinal))
            {
                return null;
            }
            return _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
