using ImageDsl.Apk.Packages;
using ImageDsl.Assembling.ApkDatabase;

namespace ImageDsl.Assembling.Install;

/// <summary>What the installer remembers about a package it installed.</summary>
internal sealed class InstalledPackageState(PackageInfo info, string checksum, long size)
{
    public PackageInfo Info { get; } = info;
    public string Checksum { get; } = checksum;
    public long Size { get; } = size;

    /// <summary>Paths in installation order, keyed by path so a later package can take a file over.</summary>
    public Dictionary<string, InstalledPath> Paths { get; } = new(StringComparer.Ordinal);

    public string Label => Info.NameVersion;

    public InstalledPackage ToDatabaseRecord() => new()
    {
        Name = Info.Name,
        Version = Info.Version,
        Arch = Info.Arch,
        License = Info.License,
        Description = Info.Description,
        Origin = Info.Origin,
        Maintainer = Info.Maintainer,
        Url = Info.Url,
        Depends = Info.Depends,
        Provides = Info.Provides,
        Replaces = Info.Replaces,
        InstallIf = Info.InstallIf,
        Commit = Info.Commit,
        BuildDate = Info.BuildDate,
        Size = Size,
        InstalledSize = Info.InstalledSize,
        ProviderPriority = (int)(Info.ProviderPriority ?? 0),
        Checksum = Checksum,
        Paths = Paths.Values.ToList(),
    };
}
