namespace ImageDsl.Oci;

/// <summary>An installed package as origin layering sees it.</summary>
/// <param name="Name">Package name, as set in <see cref="Assembling.FileSystem.FileNode.Package"/>.</param>
/// <param name="Version">Package version.</param>
/// <param name="Origin">Origin (source package); empty means the package's own name.</param>
/// <param name="InstalledSize">Installed size in bytes (`I:`), used to order groups.</param>
public sealed record LayerPackage(string Name, string Version, string Origin, long InstalledSize)
{
    /// <summary>`replaces` entries: names, optionally with a version constraint (`name>=1.2`).</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>This package's record in `/usr/lib/apk/db/installed` (with its blank line), for per-layer databases.</summary>
    public string? InstalledRecord { get; init; }
}
