using ImageDsl.Model;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// `[Content]` folders of a C# image resolve against the project's folder (as a YAML file's resolve
/// against the file's folder), not against wherever the tool happens to run.
/// </summary>
internal static class ProjectLocalContent
{
    /// <summary>The configuration with every relative `contents.local` path made absolute under the project's folder.</summary>
    /// <param name="configuration">The image's configuration.</param>
    /// <param name="projectPath">The project file or its folder.</param>
    public static ImageConfiguration Resolve(ImageConfiguration configuration, string projectPath)
    {
        if (configuration.Contents.Local.IsEmpty)
        {
            return configuration;
        }
        string full = Path.GetFullPath(projectPath);
        string folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        ValueList<LocalContent> local = configuration.Contents.Local
            .Select(l => l.Path.Trim().Length == 0 || l.Path.Contains('\0') ? l : l with { Path = Path.GetFullPath(l.Path, folder) })
            .ToValueList();
        return configuration with { Contents = configuration.Contents with { Local = local } };
    }
}
