namespace ImageDsl.Model;

/// <summary>A package a lock file pinned for one architecture.</summary>
public sealed record PinnedPackage
{
    /// <summary>The package name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The exact version, e.g. <c>1.24.0-r3</c>.</summary>
    public string Version { get; init; } = "";

    /// <summary>The apk architecture it is installed for (<c>x86_64</c>...); a <c>noarch</c> package is filed under the architecture whose folder holds it.</summary>
    public string Architecture { get; init; } = "";

    /// <summary>The index's <c>C:</c> of the package: <c>Q1</c> + base64 SHA-1 of its control section.</summary>
    public string Checksum { get; init; } = "";

    /// <summary>The repository it comes from, as the lock recorded it (URL or folder, without the architecture folder).</summary>
    public string Repository { get; init; } = "";
}
