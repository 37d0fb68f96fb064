using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>A configuration read from YAML (or JSON): merged with its includes, validated and derived.</summary>
/// <param name="Configuration">The merged, validated and derived configuration (its `Include` is null: it is already merged).</param>
/// <param name="Checksum">apko's config checksum: `sha256-` + base64(sha256(main file bytes, then each include's, in load order)).</param>
/// <param name="Files">The full paths of the files read, main file first, in load order.</param>
/// <param name="Warnings">Findings that do not stop a build.</param>
/// <param name="Locations">Where each value came from, by member path (for later errors about a package or key).</param>
public sealed record LoadedConfiguration(
    ImageConfiguration Configuration,
    string Checksum,
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigurationDiagnostic> Warnings,
    IConfigurationLocator Locations);
