using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;

using ImageDsl.Apk.Solver;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci.Base;
using ImageDsl.Progress;
using ImageDsl.Sbom;

namespace ImageDsl.Build;

/// <summary>
/// `contents.baseimage` for a build, per architecture: the base image read from its layout, and its
/// installed packages as an index the resolver may use but the build never installs again (apko's
/// semantics: the base's packages are pinned in the world and count as installed).
/// </summary>
internal sealed class BaseImages
{
    private readonly Dictionary<Architecture, (LoadedBaseImage Image, ApkIndex Installed)> byArch;

    private BaseImages(Dictionary<Architecture, (LoadedBaseImage, ApkIndex)> byArch) => this.byArch = byArch;

    /// <summary>Null when the configuration has no base image.</summary>
    public static BaseImages? Load(ImageConfiguration configuration, IReadOnlyList<Architecture> archs, IBuildProgress progress, CancellationToken cancellationToken)
    {
        if (configuration.Contents.BaseImage is not { } declared)
        {
            return null;
        }
        string layout = BaseImageSource.ResolveLayout(declared.Image ?? "");
        var byArch = new Dictionary<Architecture, (LoadedBaseImage, ApkIndex)>();
        foreach (Architecture arch in archs)
        {
            LoadedBaseImage image = BaseImageReader.Read(layout, arch, cancellationToken);
            string database = string.IsNullOrEmpty(declared.ApkIndex) ? image.InstalledDatabase : ReadApkIndex(declared.ApkIndex, arch);
            // Only a label (these packages are never fetched); a file: URL keeps a path with spaces one word.
            var repository = ApkRepository.Parse(new Uri(layout).AbsoluteUri);
            ApkIndex installed = ApkIndex.ParseText(new MemoryStream(Encoding.UTF8.GetBytes(database)), repository, arch.ApkName, $"base image {layout}");
            progress.Step(BuildStage.Index, $"{arch}: base image {image.ManifestDigest[..19]} ({image.Layers.Count} layers, {installed.Packages.Count} installed packages)");
            byArch[arch] = (image with { InstalledDatabase = database }, installed);
        }
        return new BaseImages(byArch);
    }

    /// <summary>The base image for one architecture.</summary>
    public LoadedBaseImage Image(Architecture arch) => byArch[arch].Image;

    /// <summary>The base's installed packages as an index.</summary>
    public ApkIndex Installed(Architecture arch) => byArch[arch].Installed;

    /// <summary>`name=version` for every base package: the world keeps them exactly as installed.</summary>
    public IReadOnlyList<string> Pins(Architecture arch) => Installed(arch).Packages.Select(p => $"{p.Name}={p.Version}").ToList();

    /// <summary>True when the base already has this package (by name: the pins hold its version).</summary>
    public bool Has(Architecture arch, PackageRecord package) => Installed(arch).Packages.Any(p => p.Name == package.Name);

    /// <summary>
    /// Resolves each architecture on its own (the base's pinned versions may differ between
    /// architectures), with the base's packages in the world and their index first.
    /// </summary>
    public async Task<ImageResolution> ResolveAsync(ApkInputs inputs, IReadOnlyList<Architecture> archs, RepositoryClient client, CancellationToken cancellationToken)
    {
        var resolutions = new List<Resolution>();
        var indexes = new List<IReadOnlyList<ApkIndex>>();
        IReadOnlyList<LoadedKey>? keys = null;
        foreach (Architecture arch in archs)
        {
            ImageResolution one = await ImageResolver.ResolveAsync(WithPins(inputs, inputs.World, arch), [arch], client, cancellationToken, Installed);
            keys ??= one.Keys;
            resolutions.Add(one.For(arch));
            indexes.Add(one.IndexesFor(arch));
        }
        return new ImageResolution(inputs, keys ?? [], archs, indexes, resolutions);
    }

    /// <summary><paramref name="world"/> plus the base's pins for <paramref name="arch"/>, sorted and distinct.</summary>
    public ApkInputs WithPins(ApkInputs inputs, IEnumerable<string> world, Architecture arch) =>
        inputs with { World = world.Concat(Pins(arch)).Distinct(StringComparer.Ordinal).OrderBy(w => w, StringComparer.Ordinal).ToList() };

    /// <summary>The base's packages as the SBOM lists them (from their installed-database records).</summary>
    public IReadOnlyList<SbomPackage> SbomPackages(Architecture arch) =>
        Installed(arch).Packages.Select(p => new SbomPackage(p.Name, p.Version, p.Arch.Length > 0 ? p.Arch : arch.ApkName)
        {
            License = p.License,
            Origin = p.Origin,
            Description = p.Description,
            Url = p.Url,
            ControlChecksum = p.ChecksumText,
            Maintainer = p.Maintainer,
        }).ToList();

    /// <summary>apko's `apkindex`: a folder with `&lt;apkarch&gt;/APKINDEX` in the installed-database text format.</summary>
    private static string ReadApkIndex(string folder, Architecture arch)
    {
        string path = Path.Combine(Path.GetFullPath(folder), arch.ApkName, "APKINDEX");
        if (!File.Exists(path))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"contents.baseimage.apkindex: {path} does not exist",
                "Give the folder holding <apkarch>/APKINDEX (the base's /usr/lib/apk/db/installed), or leave apkindex out to read it from the base's layers.");
        }
        if (new FileInfo(path).Length > 64L << 20)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"contents.baseimage.apkindex: {path} is larger than 64 MiB",
                "This is not a plausible apk database; check the path.");
        }
        return File.ReadAllText(path);
    }
}
