using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Build;

/// <summary>A small signed one-arch (x86_64) repository that tests can change: add and remove packages, re-index.</summary>
internal sealed class PlanRepository : IDisposable
{
    public const string Arch = "x86_64";
    private const string KeyName = "plan.rsa.pub";
    private readonly ApkPrivateKey _key = ApkPrivateKey.Generate(KeyName, 2048);

    public PlanRepository(string root)
    {
        Root = root;
        Directory.CreateDirectory(ArchFolder);
        KeyPath = Path.Combine(Path.GetDirectoryName(root)!, KeyName);
        File.WriteAllText(KeyPath, _key.ExportPublicPem());
    }

    /// <summary>The repository folder (what `contents.repositories` names).</summary>
    public string Root { get; }

    /// <summary>The public key that verifies it.</summary>
    public string KeyPath { get; }

    private string ArchFolder => Path.Combine(Root, Arch);

    /// <summary>Writes a package with one file, /usr/share/&lt;name&gt; holding &lt;name&gt; and &lt;version&gt;, and indexes the repository again.</summary>
    public void Add(string name, string version, string[]? depends = null, string[]? installIf = null)
    {
        var info = new PackageInfo
        {
            Name = name, Version = version, Arch = Arch, Origin = name, BuildDate = 1700000000, License = "MIT",
            Depends = depends ?? [], InstallIf = installIf ?? [],
        };
        PackEntry[] entries = [PackEntry.Directory("usr"), PackEntry.Directory("usr/share"), PackEntry.File($"usr/share/{name}", Encoding.UTF8.GetBytes($"{name} {version}\n"))];
        ApkPackageWriter.WriteFile(Path.Combine(ArchFolder, $"{name}-{version}.apk"), info, entries, _key);
        Index();
    }

    /// <summary>Deletes a package file and indexes the repository again.</summary>
    public void Remove(string name, string version)
    {
        File.Delete(Path.Combine(ArchFolder, $"{name}-{version}.apk"));
        Index();
    }

    private void Index() =>
        ApkIndexWriter.WriteFile(Path.Combine(ArchFolder, "APKINDEX.tar.gz"), ApkIndexWriter.ScanDirectory(ArchFolder, Arch), "plan tests", _key);

    public void Dispose() => _key.Dispose();
}
