using System.Diagnostics.CodeAnalysis;
using ImageDsl.Errors;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tool.Projects;

/// <summary>The images of a C# project: built, loaded, and selected by name.</summary>
/// <param name="Project">The project as the user named it.</param>
/// <param name="AssemblyPath">The assembly the images were read from.</param>
/// <param name="Images">Every image, ordered by name.</param>
internal sealed record ProjectImages(string Project, string AssemblyPath, IReadOnlyList<ProjectImage> Images)
{
    /// <summary>Builds <paramref name="project"/> (unless it is a .dll; for <paramref name="framework"/> when given) and reads its images; analyzer warnings go to <paramref name="warn"/>.</summary>
    public static async Task<ProjectImages> LoadAsync(string project, string? framework, Action<string> step, Action<string> warn, CancellationToken cancellationToken)
    {
        BuiltProject built = await ProjectBuilder.BuildAsync(project, framework, step, cancellationToken);
        foreach (string warning in built.Warnings)
        {
            warn(warning);
        }
        IReadOnlyList<ProjectImage> images = LoadImages(built.AssemblyPath);
        step($"{Path.GetFileName(built.AssemblyPath)}: {images.Count} image{(images.Count == 1 ? "" : "s")} ({string.Join(", ", images.Select(i => i.Name))})");
        return new ProjectImages(project, built.AssemblyPath, images);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "The native build hands every --project command to its framework-dependent copy (ManagedHandOff) before parsing; only a JIT build gets here.")]
    private static IReadOnlyList<ProjectImage> LoadImages(string assemblyPath) => ManagedHandOff.IsNativeBuild
        ? throw new ImageDslException(ErrorKind.Configuration, "this native build of dotnet image reads C# projects only when --project is on its command line",
            "Pass --project on the command line (it then runs the command in its framework-dependent copy).")
        : ProjectAssemblyLoader.Load(assemblyPath);

    /// <summary>The image named <paramref name="name"/> (its [Image] name, else its class's full or short name); without a name, the project's only image.</summary>
    /// <exception cref="ImageDslException">No such image, no image at all, or several and no name (the message lists them).</exception>
    public ProjectImage Select(string? name)
    {
        if (Images.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"the project '{Project}' declares no images",
                "Declare one with [Image(\"name\")] on a partial class, and reference the ImageDsl generator as an analyzer (see docs/dsl.md).");
        }
        if (name is null)
        {
            return Images.Count == 1 ? Images[0] : throw new ImageDslException(ErrorKind.Configuration,
                $"the project '{Project}' declares {Images.Count} images: {Names}",
                "Choose one with --image <name> (in `dotnet publish -t:PublishImage`, with the ImageClass property: -p:ImageClass=<name>).");
        }
        return Images.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal))
            ?? OnlyClassNamed(name)
            ?? throw new ImageDslException(ErrorKind.Configuration, $"the project '{Project}' declares no image '{name}'; its images are: {Names}",
                "Choose one of them by its [Image] name or its class name.");
    }

    /// <summary>The image whose class is <paramref name="name"/> (full or short name), when exactly one is.</summary>
    private ProjectImage? OnlyClassNamed(string name)
    {
        ProjectImage[] byClass = Images.Where(i => string.Equals(i.TypeName, name, StringComparison.Ordinal)
            || string.Equals(i.TypeName[(i.TypeName.LastIndexOfAny(['.', '+']) + 1)..], name, StringComparison.Ordinal)).ToArray();
        return byClass.Length == 1 ? byClass[0] : null;
    }

    private string Names => string.Join(", ", Images.Select(i => i.Name));
}
