using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// A signed one-arch (x86_64) repository in a temporary folder, built with the Runtime's own writers:
/// `base` (a config file, a directory, a symlink) and `tiny` (a script depending on `base`). Tests then
/// damage it (or its packages) in one precise way.
/// </summary>
internal sealed class HostileRepository : IDisposable
{
    public const string Arch = "x86_64";
    private readonly TempDirectory _temp = new("imagedsl-hostile-repo");

    public HostileRepository(bool withPackages = true)
    {
        Directory.CreateDirectory(ArchDirectory);
        KeyFile = Path.Combine(_temp.Path, "hostile.rsa.pub");
        File.WriteAllText(KeyFile, HostileKeys.Trusted.ExportPublicPem());
        if (withPackages)
        {
            AddPackage(new PackageInfo { Name = "base", Version = "1.0-r0", Arch = Arch, Origin = "base", BuildDate = 1700000000 },
            [
                PackEntry.Directory("etc"),
                PackEntry.File("etc/base.conf", "setting = 1\n"u8.ToArray()),
                PackEntry.Symlink("etc/base.link", "base.conf"),
            ]);
            AddPackage(new PackageInfo { Name = "tiny", Version = "2.0-r1", Arch = Arch, Origin = "tiny", BuildDate = 1700000100, Depends = ["base"] },
            [
                PackEntry.File("usr/bin/tiny", "#!/bin/sh\necho tiny\n"u8.ToArray(), mode: 0x1ED),
            ]);
            Index();
        }
    }

    /// <summary>The repository folder (use it as the repository location, or serve it over HTTP).</summary>
    public string Root => _temp.Path;

    public string ArchDirectory => Path.Combine(Root, Arch);

    public string IndexPath => Path.Combine(ArchDirectory, "APKINDEX.tar.gz");

    /// <summary>The trusted public key (the keyring of every build).</summary>
    public string KeyFile { get; }

    public string PackagePath(string fileName) => Path.Combine(ArchDirectory, fileName);

    public void AddPackage(PackageInfo info, IEnumerable<PackEntry> entries, ApkPrivateKey? key = null) =>
        ApkPackageWriter.WriteFile(PackagePath($"{info.Name}-{info.Version}.apk"), info, entries, key ?? HostileKeys.Trusted);

    /// <summary>Puts raw bytes in the repository under <paramref name="fileName"/>.</summary>
    public void WriteRaw(string fileName, byte[] bytes) => File.WriteAllBytes(PackagePath(fileName), bytes);

    /// <summary>Re-indexes every package (optionally editing the records) and signs with <paramref name="key"/> (null: unsigned).</summary>
    public void Index(Func<IReadOnlyList<ApkIndexEntry>, IEnumerable<ApkIndexEntry>>? edit = null, ApkPrivateKey? key = null, bool unsigned = false)
    {
        IReadOnlyList<ApkIndexEntry> entries = ApkIndexWriter.ScanDirectory(ArchDirectory, Arch);
        File.WriteAllBytes(IndexPath, IndexBytes(edit is null ? entries : edit(entries), unsigned ? null : key ?? HostileKeys.Trusted));
    }

    public static byte[] IndexBytes(IEnumerable<ApkIndexEntry> entries, ApkPrivateKey? key) =>
        ApkIndexWriter.Write(entries, "hostile test repository", key);

    /// <summary>apko.yaml for <paramref name="packages"/> from <paramref name="location"/> (this folder, or its URL).</summary>
    public string Configuration(string? location = null, params string[] packages) => $"""
        contents:
          repositories:
            - {location ?? Root}
          keyring:
            - {KeyFile}
          packages:
        {string.Concat((packages.Length == 0 ? ["tiny"] : packages).Select(p => $"    - {p}\n"))}
        archs:
          - amd64
        """;

    public void Dispose() => _temp.Dispose();
}
