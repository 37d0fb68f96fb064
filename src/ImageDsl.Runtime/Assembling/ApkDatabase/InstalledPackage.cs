namespace ImageDsl.Assembling.ApkDatabase;

/// <summary>A path a package installed, as the apk database records it.</summary>
/// <param name="Path">Relative path without a leading '/' ("" is the root).</param>
/// <param name="IsDirectory">Directories become `F:` lines, everything else `R:`.</param>
/// <param name="Uid">Owner uid as the package recorded it.</param>
/// <param name="Gid">Owner gid as the package recorded it.</param>
/// <param name="Mode">Permission bits incl. setuid/setgid/sticky.</param>
/// <param name="Sha1">The file's SHA-1 when known (from the package's checksum records).</param>
public sealed record InstalledPath(string Path, bool IsDirectory, uint Uid, uint Gid, uint Mode, byte[]? Sha1 = null);

/// <summary>One package's record in `/usr/lib/apk/db/installed`.</summary>
public sealed record InstalledPackage
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string Arch { get; init; } = "";
    public string License { get; init; } = "";
    public string Description { get; init; } = "";
    public string Origin { get; init; } = "";
    public string Maintainer { get; init; } = "";
    public string Url { get; init; } = "";
    public IReadOnlyList<string> Depends { get; init; } = [];
    public IReadOnlyList<string> Provides { get; init; } = [];
    public IReadOnlyList<string> Replaces { get; init; } = [];
    public IReadOnlyList<string> InstallIf { get; init; } = [];
    public string Commit { get; init; } = "";
    public long BuildDate { get; init; }
    /// <summary>The .apk file size.</summary>
    public long Size { get; init; }
    /// <summary>The installed size from .PKGINFO.</summary>
    public long InstalledSize { get; init; }
    public int ProviderPriority { get; init; }
    /// <summary>`Q1` + base64 SHA-1 of the control member.</summary>
    public string Checksum { get; init; } = "";
    /// <summary>Paths this package still owns (files taken over by a later package are removed).</summary>
    public IReadOnlyList<InstalledPath> Paths { get; init; } = [];
}
