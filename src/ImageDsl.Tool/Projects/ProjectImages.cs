using ImageDsl.Errors;

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
        IReadOnlyList<ProjectImage> images = ProjectAssemblyLoader.Load(built.AssemblyPath);
        step($"{Path.GetFileName(built.AssemblyPath)}: {images.Count} image{(images.Count == 1 ? "" : "s")} ({string.Join(", ", images.Select(i => i.Name))})");
        return new ProjectImages(project, built.AssemblyPath, images);
    }

    /// <summary>The image named <paramref name="name"/>; without a name, the project's only image.</summary>
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
                $"the project '{Project}' declares {Images.Count} images: {Names}", "Choose one with --image <name>.");
        }
        return Images.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal))
            ?? throw new ImageDslException(ErrorKind.Configuration, $"the project '{Project}' declares no image '{name}'; its images are: {Names}",
                "Choose one of them with --image <name>.");
    }

    private string Names => string.Join(", ", Images.Select(i => i.Name));
}
