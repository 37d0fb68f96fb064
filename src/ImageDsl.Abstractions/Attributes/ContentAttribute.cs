namespace ImageDsl;

/// <summary>
/// Packs a folder (any files, e.g. a <c>dotnet publish</c> output) into a signed package at build time
/// and installs it like any other package (YAML <c>contents.local</c>; ImageDsl's own, not apko's).
/// The files are recorded with checksums in the image's apk database and listed in the SBOM.
/// </summary>
/// <example><code>[Content("bin/publish", Name = "myapp", Version = "1.0.0-r0", To = "/app", Owner = "app")]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ContentAttribute : Attribute
{
    /// <summary>Declares the folder <paramref name="path"/>, relative to the project's folder or absolute.</summary>
    public ContentAttribute(string path) => Path = path;

    /// <summary>The folder on the build machine.</summary>
    public string Path { get; }

    /// <summary>The package name (required).</summary>
    public string? Name { get; set; }

    /// <summary>The absolute directory in the image the folder's contents go under; null means <c>/</c>.</summary>
    public string? To { get; set; }

    /// <summary>An apk version such as <c>1.0.0-r0</c>; null means <c>0-r0</c>.</summary>
    public string? Version { get; set; }

    /// <summary>An apk architecture (<c>x86_64</c>, <c>aarch64</c>...); null means <c>noarch</c>.</summary>
    public string? Arch { get; set; }

    /// <summary><c>root</c> or a user declared with <c>[User]</c>; the files get its uid and gid. Null means root.</summary>
    public string? Owner { get; set; }
}
