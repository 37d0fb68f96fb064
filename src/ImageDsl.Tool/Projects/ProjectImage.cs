using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>An image declared in a C# project, detached from the assembly it was read from.</summary>
/// <param name="Name">The name from <c>[Image]</c>.</param>
/// <param name="TypeName">The image class's full name (diagnostics locate values as <c>TypeName.Member.Path</c>).</param>
/// <param name="Configuration">The generated <c>Configuration</c>: as declared, not yet derived.</param>
internal sealed record ProjectImage(string Name, string TypeName, ImageConfiguration Configuration)
{
    /// <summary>The generated <c>Plan</c> (the packages the image's lock file pinned), or null without a lock file.</summary>
    public BuildPlan? Plan { get; init; }

    /// <summary>
    /// The class's <c>[LayerCompression]</c> as <c>--compression</c> text (<c>zstd:9</c>), or null when it declares none.
    /// A build setting: not part of <see cref="Configuration"/> (nor of its apko.yaml form and lock checksum).
    /// </summary>
    public string? LayerCompression { get; init; }
}
