namespace ImageDsl.Apk.Packages;

/// <summary>
/// A package's `.PKGINFO`: what the package says about itself. More complete than its APKINDEX record
/// (it has `replaces`, `triggers` and `datahash`), so the installed database is written from it.
/// </summary>
/// <remarks>Parse with <see cref="PackageInfoText.Parse"/>; write with <see cref="PackageInfoText.Format"/>.</remarks>
public sealed record PackageInfo
{
    /// <summary>`pkgname`.</summary>
    public required string Name { get; init; }

    /// <summary>`pkgver`, e.g. `3.2.0-r23`.</summary>
    public required string Version { get; init; }

    /// <summary>`arch`, the apk architecture name (`x86_64`, `aarch64`, `noarch`...).</summary>
    public string Arch { get; init; } = "";

    /// <summary>`pkgdesc`.</summary>
    public string Description { get; init; } = "";

    /// <summary>`license` (an SPDX expression in Alpine and Wolfi).</summary>
    public string License { get; init; } = "";

    /// <summary>`origin`: the source package this was built from.</summary>
    public string Origin { get; init; } = "";

    /// <summary>`maintainer`.</summary>
    public string Maintainer { get; init; } = "";

    /// <summary>`url`.</summary>
    public string Url { get; init; } = "";

    /// <summary>`commit`: the source commit.</summary>
    public string Commit { get; init; } = "";

    /// <summary>`packager` (abuild writes it; not indexed).</summary>
    public string Packager { get; init; } = "";

    /// <summary>`size`: the installed size in bytes.</summary>
    public long InstalledSize { get; init; }

    /// <summary>`builddate`: Unix seconds.</summary>
    public long BuildDate { get; init; }

    /// <summary>`provider_priority`, or null when absent.</summary>
    public long? ProviderPriority { get; init; }

    /// <summary>`datahash`: lower-case hex SHA-256 of the compressed data member, or null when absent.</summary>
    public string? DataHash { get; init; }

    /// <summary>`depend` values (one per dependency, e.g. `so:libc.musl-aarch64.so.1`, `/bin/sh`, `foo>=1.2`).</summary>
    public IReadOnlyList<string> Depends { get; init; } = [];

    /// <summary>`provides` values (e.g. `cmd:mkmntdirs=3.2.0-r23`).</summary>
    public IReadOnlyList<string> Provides { get; init; } = [];

    /// <summary>`install_if` values.</summary>
    public IReadOnlyList<string> InstallIf { get; init; } = [];

    /// <summary>`replaces` values: packages whose files this one may overwrite.</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>`triggers` values: directory globs that fire the `.trigger` script.</summary>
    public IReadOnlyList<string> Triggers { get; init; } = [];

    /// <summary>Any other `key = value` lines, in file order (kept so nothing is lost).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherFields { get; init; } = [];

    /// <summary>`name-version`, how packages are named in messages and file names.</summary>
    public string NameVersion => $"{Name}-{Version}";
}
