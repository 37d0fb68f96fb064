using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;

using ImageDsl.Apk.Solver;
using ImageDsl.Assembling.Accounts;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci.Base;
using ImageDsl.Oci.Registry;
using ImageDsl.Progress;
using ImageDsl.Sbom;

namespace ImageDsl.Build;

/// <summary>
/// `contents.baseimage` for a build, per architecture: the base image read from its layout or pulled
/// from a registry, and its installed packages as an index the resolver may use but the build never
/// installs again (apko's semantics: the base's packages are pinned in the world and count as installed).
/// </summary>
internal sealed class BaseImages
{
    private readonly Dictionary<Architecture, (LoadedBaseImage Image, ApkIndex Installed)> byArch;

    private BaseImages(Dictionary<Architecture, (LoadedBaseImage, ApkIndex)> byArch, LockBaseImage? pin)
    {
        this.byArch = byArch;
        Pin = pin;
    }

    /// <summary>For a registry base image: its reference and the digest it resolved to (what `lock` writes); null for a layout folder.</summary>
    public LockBaseImage? Pin { get; }

    /// <summary>
    /// Null when the configuration has no base image. A registry base (`ref`) is pulled with
    /// <paramref name="registry"/>'s credentials into <paramref name="repository"/>'s cache folder (offline:
    /// read from it); with <paramref name="lockFile"/>, it must be the digest the lock pins.
    /// </summary>
    public static async Task<BaseImages?> LoadAsync(ImageConfiguration configuration, IReadOnlyList<Architecture> archs, RepositoryClientOptions repository,
        PushOptions registry, LockFile? lockFile, IBuildProgress progress, CancellationToken cancellationToken)
    {
        if (configuration.Contents.BaseImage is not { } declared)
        {
            return null;
        }
        string location;
        string label;
        IReadOnlyDictionary<Architecture, LoadedBaseImage> images;
        LockBaseImage? pin = null;
        if (!string.IsNullOrEmpty(declared.Reference) && string.IsNullOrEmpty(declared.Image))
        {
            string? pinned = lockFile is null ? null : LockedDigest(lockFile, declared.Reference);
            PulledBaseImage pulled = await RegistryBaseImage.PullAsync(declared.Reference, archs, new BaseImagePullOptions
            {
                Registry = registry,
                CacheDirectory = repository.CacheDirectory,
                Offline = repository.Offline,
                PinnedDigest = pinned,
            }, progress.Debug, cancellationToken);
            images = pulled.Images;
            location = pulled.Reference;
            label = new Uri(RegistryBaseImage.CacheFolder(Path.GetFullPath(repository.CacheDirectory))).AbsoluteUri;
            pin = new LockBaseImage { Reference = pulled.Reference, Digest = pulled.Digest };
            progress.Step(BuildStage.Index, $"base image {pulled.Reference} is {pulled.Digest}");
        }
        else
        {
            string layout = BaseImageSource.ResolveLayout(declared.Image ?? "");
            images = archs.ToDictionary(a => a, a => BaseImageReader.Read(layout, a, cancellationToken));
            location = layout;
            label = new Uri(layout).AbsoluteUri;
        }
        var byArch = new Dictionary<Architecture, (LoadedBaseImage, ApkIndex)>();
        foreach (Architecture arch in archs)
        {
            LoadedBaseImage image = images[arch];
            string database = string.IsNullOrEmpty(declared.ApkIndex) ? image.InstalledDatabase : ReadApkIndex(declared.ApkIndex, arch);
            // Only a label (these packages are never fetched); a file: URL keeps a path with spaces one word.
            var apkRepository = ApkRepository.Parse(label);
            ApkIndex installed = ApkIndex.ParseText(new MemoryStream(Encoding.UTF8.GetBytes(database)), apkRepository, arch.ApkName, $"base image {location}");
            progress.Step(BuildStage.Index, $"{arch}: base image {image.ManifestDigest[..19]} ({image.Layers.Count} layers, {installed.Packages.Count} installed packages)");
            byArch[arch] = (image with { InstalledDatabase = database }, installed);
        }
        return new BaseImages(byArch, pin);
    }

    /// <summary>The digest the lock pins for <paramref name="reference"/>; a lock without one (or for another reference) is refused.</summary>
    private static string LockedDigest(LockFile lockFile, string reference)
    {
        string normalised = RegistryBaseImage.ParseReference(reference).ToString();
        if (lockFile.Contents.BaseImage is not { } locked || string.IsNullOrEmpty(locked.Digest))
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"the lock file does not pin the base image {normalised} (it has no contents.baseimage digest)",
                "Run `dotnet image lock` again for this configuration: it pins the base image's digest.");
        }
        if (locked.Reference != normalised)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"the lock file pins the base image {locked.Reference}, but the configuration names {normalised}",
                "Run `dotnet image lock` again for this configuration.");
        }
        return locked.Digest;
    }

    /// <summary>
    /// A user of the base image's `/etc/passwd` (uid, gid and the name of that group in its
    /// `/etc/group`, else the user's name); null when the base has no such user. Local content is
    /// packed once for every architecture, so a user whose ids differ between them is an error.
    /// </summary>
    public (uint Uid, uint Gid, string Group)? User(string name)
    {
        (uint Uid, uint Gid, string Group)? found = null;
        foreach (var (arch, (image, _)) in byArch.OrderBy(a => a.Key))
        {
            PasswdEntry? entry = PasswdEntry.ParseFile(image.Passwd, $"/etc/passwd of base image {image.Location} ({arch})").FirstOrDefault(p => p.Name == name);
            if (entry is null)
            {
                return null;
            }
            string group = GroupEntry.ParseFile(image.Group, $"/etc/group of base image {image.Location} ({arch})").FirstOrDefault(g => g.Gid == entry.Gid)?.Name ?? name;
            if (found is { } first && (first.Uid != entry.Uid || first.Gid != entry.Gid))
            {
                throw new ImageDslException(ErrorKind.Configuration,
                    $"user '{name}' of base image {image.Location} is {entry.Uid}:{entry.Gid} for {arch} but {first.Uid}:{first.Gid} for another architecture",
                    "Local content is packed once for every architecture: use root, or build one architecture at a time (--arch).");
            }
            found = (entry.Uid, entry.Gid, group);
        }
        return found;
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
