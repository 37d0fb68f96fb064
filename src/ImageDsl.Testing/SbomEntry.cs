namespace ImageDsl.Testing;

/// <summary>One package of the image's SBOM.</summary>
/// <param name="Name">The package name, e.g. <c>hello-world</c>.</param>
/// <param name="Version">Its version, e.g. <c>1.0.0-r0</c>.</param>
/// <param name="Purl">Its package URL, e.g. <c>pkg:apk/hello/hello-world@1.0.0-r0?arch=x86_64</c>, or null when the SBOM gives none.</param>
/// <param name="License">The declared licence expression (<c>NOASSERTION</c> when the package declares none), or null when the SBOM gives none.</param>
/// <param name="Supplier">The SPDX supplier, e.g. <c>Person: Name &lt;mail&gt;</c>, or null.</param>
public sealed record SbomEntry(string Name, string Version, string? Purl, string? License, string? Supplier);
