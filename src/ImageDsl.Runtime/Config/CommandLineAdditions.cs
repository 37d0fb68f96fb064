using ImageDsl.Diagnostics;
using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// apko's `-p -r -b -k --arch --format` flags: appended to (or, for archs, replacing) the merged configuration before
/// validation, so a malformed flag value is reported like a malformed file value, located at the flag.
/// </summary>
internal static class CommandLineAdditions
{
    public static ImageConfiguration Apply(ImageConfiguration configuration, ConfigurationLoadOptions options,
        SourceMap locations, DiagnosticCollector diagnostics)
    {
        ImageContents contents = configuration.Contents;
        contents = contents with
        {
            Packages = Append(contents.Packages, "Contents.Packages", options.ExtraPackages, "--package-append", locations),
            Repositories = Append(contents.Repositories, "Contents.Repositories",
                options.ExtraRepositories.Select(r => r.TrimEnd('/')).ToArray(), "--repository-append", locations),
            BuildRepositories = Append(contents.BuildRepositories, "Contents.BuildRepositories",
                options.ExtraBuildRepositories.Select(r => r.TrimEnd('/')).ToArray(), "--build-repository-append", locations),
            Keyring = Append(contents.Keyring, "Contents.Keyring", options.ExtraKeyring, "--keyring-append", locations),
        };
        configuration = configuration with { Contents = contents };
        if (options.Archs.Count > 0)
        {
            configuration = configuration with { Archs = ParseArchs(options.Archs, locations, diagnostics) };
        }
        if (options.Format is { } format)
        {
            locations.Set("Format", new SourceLocation("--format", 0, 0));
            configuration = configuration with { Format = format };
        }
        return configuration;
    }

    private static ValueList<string> Append(ValueList<string> list, string member, IReadOnlyList<string> extra, string flag, SourceMap locations)
    {
        for (int i = 0; i < extra.Count; i++)
        {
            locations.Set(MemberPath.Item(member, list.Count + i), new SourceLocation(flag, 0, 0));
        }
        return extra.Count == 0 ? list : list.AddRange(extra);
    }

    /// <summary>apko's `ParseArchitectures`: `all`, `host`, or names (aliases allowed), deduplicated and sorted.</summary>
    private static ValueList<Architecture> ParseArchs(IReadOnlyList<string> names, SourceMap locations, DiagnosticCollector diagnostics)
    {
        var at = new SourceLocation("--arch", 0, 0);
        for (int i = 0; i < names.Count; i++)
        {
            locations.Set(MemberPath.Item("Archs", i), at);
        }
        return ArchitectureSelection.Parse(names, name =>
        {
            string? suggestion = Rules.ArchitectureNames.Suggest(name);
            diagnostics.Report(DiagnosticCatalog.UnknownArchitecture, at, name, suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        });
    }
}
