namespace ImageDsl.Model;

/// <summary>
/// A `contents.local` entry (an ImageDsl extension, not apko's): a folder on the build machine that the
/// build packs into a real, signed .apk (name, version, arch, per-file checksums), installs like any
/// other package and lists in the SBOM.
/// </summary>
public sealed record LocalContent
{
    /// <summary>`path`: the folder, relative to the configuration file's folder or absolute.</summary>
    public string Path { get; init; } = "";

    /// <summary>`to`: the absolute directory in the image the folder's contents go under.</summary>
    public string To { get; init; } = "/";

    /// <summary>`name`: the package name.</summary>
    public string Name { get; init; } = "";

    /// <summary>`version`: an apk version, e.g. `1.0.0-r0`.</summary>
    public string Version { get; init; } = DefaultVersion;

    /// <summary>`arch`: an apk architecture name, or `noarch` (the default) for any.</summary>
    public string Arch { get; init; } = NoArch;

    /// <summary>`owner`: `root` (the default) or a user of `accounts.users`; the files get its uid and gid.</summary>
    public string Owner { get; init; } = Root;

    /// <summary>The version used when none is given.</summary>
    public const string DefaultVersion = "0-r0";

    /// <summary>The architecture that installs on every architecture.</summary>
    public const string NoArch = "noarch";

    /// <summary>The owner used when none is given.</summary>
    public const string Root = "root";
}
