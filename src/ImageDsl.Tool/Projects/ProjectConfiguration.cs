using ImageDsl.Config;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// Turns a C# image into the <see cref="LoadedConfiguration"/> a YAML build starts from, so both go
/// through the same steps and give the same bytes.
/// </summary>
internal static class ProjectConfiguration
{
    /// <summary>
    /// Validates the image as declared, locating findings by member path (<c>Acme.Images.Web.Accounts.RunAs</c>);
    /// then reads its apko.yaml form with the YAML loader, which merges an <c>[Include]</c>, applies the
    /// command-line additions (-p -r -b -k --arch), validates the result and derives apko's values, exactly
    /// as for a file. An image with an <c>[Include]</c> is validated only once merged (the included file may
    /// complete it: a run-as user, a pinned tag), with its own values located in its apko.yaml form.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="projectPath">The project, recorded as the configuration's file (for `--vcs`).</param>
    /// <param name="options">Include paths and command-line additions.</param>
    /// <exception cref="ConfigurationException">The image, its include or the additions are invalid.</exception>
    public static LoadedConfiguration Load(ProjectImage image, string projectPath, ConfigurationLoadOptions options)
    {
        ValidationResult? declared = null;
        if (image.Configuration.Include is null)
        {
            declared = ConfigurationValidator.Validate(image.Configuration, new MemberPathLocator(image.TypeName));
            declared.ThrowIfInvalid();
        }

        string asYaml = AsYamlName(image);
        LoadedConfiguration loaded = ConfigurationLoader.Parse(ApkoYamlWriter.Write(ProjectLocalContent.Resolve(image.Configuration, projectPath)), asYaml, options);
        return loaded with
        {
            Files = [Path.GetFullPath(projectPath), .. loaded.Files.Skip(1)],
            // The apko.yaml form repeats the class's own findings; keep those located in C# terms.
            Warnings = declared is null ? loaded.Warnings : [.. declared.Warnings, .. loaded.Warnings.Where(w => w.File != asYaml)],
        };
    }

    /// <summary>How diagnostics name the image's apko.yaml form.</summary>
    public static string AsYamlName(ProjectImage image) => $"{image.TypeName} (as apko.yaml)";
}
