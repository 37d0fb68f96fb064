namespace ImageDsl.Sbom;

/// <summary>
/// A NuGet package a .NET app's `*.deps.json` lists: a `package` library, or the `runtimepack` a
/// self-contained app carries (the runtime pack is itself a NuGet package).
/// </summary>
/// <param name="Name">The package id, case as the deps file spells it (purls keep the case).</param>
/// <param name="Version">The package version.</param>
public sealed record NuGetLibrary(string Name, string Version)
{
    /// <summary>`Name/Version`: how deps files name a library, and how <see cref="DependsOn"/> refers to one.</summary>
    public string Key => Name + "/" + Version;

    /// <summary>
    /// The deps file's `sha512` in lower-case hex, or null when it gives none. It is NuGet's package content
    /// hash (the `contentHash` of the package's `.nupkg.metadata`), not necessarily the SHA-512 of the
    /// `.nupkg` file (for nuget.org's packages the two differ).
    /// </summary>
    public string? Sha512 { get; init; }

    /// <summary>The deps file's library type: `package` or `runtimepack`.</summary>
    public string Type { get; init; } = "package";

    /// <summary>The <see cref="Key"/>s of the libraries this one depends on (sorted; only NuGet libraries of the same app).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The deps files (absolute paths in the image) that list it, sorted.</summary>
    public IReadOnlyList<string> DepsFiles { get; init; } = [];

    /// <summary>`pkg:nuget/&lt;name&gt;@&lt;version&gt;`: no namespace, name case kept, as the purl spec's nuget type says.</summary>
    public string Purl => SpdxText.Purl("nuget", Uri.EscapeDataString(Name), Version, []);
}
