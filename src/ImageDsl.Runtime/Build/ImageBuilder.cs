using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;
using ImageDsl.Apk.Versions;
using ImageDsl.Assembling.ApkDatabase;
using ImageDsl.Assembling.Install;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Oci;
using ImageDsl.Oci.Base;
using ImageDsl.Progress;
using ImageDsl.Sbom;

namespace ImageDsl.Build;

/// <summary>
/// Builds an image the way apko does: resolve every architecture, fetch and verify packages,
/// assemble each filesystem, write layers, configs, manifests and the index into a blob store.
/// </summary>
public static class ImageBuilder
{
    /// <summary>Builds every requested architecture.</summary>
    public static async Task<BuiltImage> BuildAsync(BuildRequest request, CancellationToken cancellationToken = default)
    {
        ImageConfiguration config = request.Configuration;
        // As apko's WithAnnotations: --annotations join the configuration's, overriding per key, so they are
        // in /etc/apko.json as well as on the manifests and the index.
        foreach ((string key, string value) in request.Annotations)
        {
            config = config with { Annotations = config.Annotations.SetItem(key, value) };
        }
        IReadOnlyList<Architecture> archs = (request.Archs ?? (config.Archs.IsEmpty ? Architecture.All : config.Archs))
            .Distinct().OrderBy(a => a).ToList();
        string temp = request.TemporaryDirectory ?? Path.Combine(Path.GetTempPath(), $"imagedsl-build-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var spill = new ContentSpill(temp);
        try
        {
            IBuildProgress progress = request.Progress;
            using var client = new RepositoryClient(request.Repository with { Warn = progress.Warning });
            ApkInputs inputs = await KeyDiscoveryStep.AddDiscoveredKeysAsync(ApkInputs.From(config, request.Extras), archs, request, client, temp, cancellationToken);
            // The base image first: local content may be owned by one of its users.
            BaseImages? bases = await BaseImages.LoadAsync(config, archs, request.Repository, request.Registry, request.Lock, progress, cancellationToken);
            LocalContentRepository? local = LocalContentRepository.Create(config, archs, temp, LocalContentDate(request), bases is null ? null : bases.User);
            inputs = local?.AddTo(inputs) ?? inputs;
            progress.Step(BuildStage.Index, $"reading {inputs.BuildRepositories.Count} repositories for {string.Join(", ", archs)}");
            ImageResolution resolution = await ResolveAsync(request, inputs, archs, client, bases, local, cancellationToken);
            var keyring = new Keyring(resolution.Keys.Select(k => k.Key));
            IReadOnlyList<LoadedKey> imageKeys = local is null ? resolution.Keys : resolution.Keys.Where(k => !local.IsBuildKey(k)).ToList();
            var store = new BlobStore(Path.Combine(temp, "blobs"));
            var assembly = new ArchAssemblyContext(config, request, imageKeys, keyring, spill, bases);

            var images = new List<OciImage>();
            var sbomImages = new List<SbomImage>();
            DateTimeOffset newest = DateTimeOffset.UnixEpoch;
            foreach (Architecture arch in archs)
            {
                Resolution resolved = resolution.For(arch);
                progress.Step(BuildStage.Resolve, $"{arch}: {resolved.Packages.Count} packages");
                IReadOnlyList<Apk.Index.PackageRecord> toInstall = bases is null ? resolved.Packages : resolved.Packages.Where(p => !bases.Has(arch, p)).ToList();
                var fetched = await PackageFetcher.FetchAllAsync(toInstall, client, keyring, request, arch.Name, cancellationToken);
                DateTimeOffset created = CreatedDate(request, resolved.Packages.Select(p => p.BuildTime ?? 0));
                AssembledTree assembled = ArchAssembly.Assemble(assembly, arch, fetched, created, cancellationToken);
                if (bases is not null)
                {
                    BaseImageBlobs.CopyInto(store, bases.Image(arch));
                }
                progress.Step(BuildStage.Layer, $"{arch}: writing layers");
                OciImage image = ImageWriter.WriteImage(new ImageRequest(assembled.Tree, assembled.LockedConfiguration, arch)
                {
                    Created = created,
                    Annotations = request.Annotations,
                    Packages = LayerPackages(assembled),
                    VersionSatisfies = Satisfies,
                    Base = bases?.Image(arch),
                    Compression = request.Compression,
                    LayerCache = request.CacheLayers ? LayerCache.InCacheDirectory(request.Repository.CacheDirectory) : null,
                }, store, cancellationToken);
                progress.Step(BuildStage.Layer, $"{arch}: {image.Manifest.Digest} ({image.Layers.Count} layer{(image.Layers.Count == 1 ? "" : "s")}, {ByteSize.Format(image.Layers.Sum(l => l.Descriptor.Size))})");
                images.Add(image);
                sbomImages.Add(new SbomImage(image, assembled.Tree, [.. bases?.SbomPackages(arch) ?? [], .. SbomPackages(assembled, arch, local)]));
                newest = created > newest ? created : newest;
            }
            OciImageIndex index = ImageWriter.WriteIndex(images, config, newest, store, request.Annotations);
            return new BuiltImage(temp, store, index, sbomImages, newest, spill);
        }
        catch
        {
            spill.Dispose();
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The packages of every arch: from the lock file, the compiled plan, or the resolver.</summary>
    private static async Task<ImageResolution> ResolveAsync(BuildRequest request, ApkInputs inputs, IReadOnlyList<Architecture> archs,
        RepositoryClient client, BaseImages? bases, LocalContentRepository? local, CancellationToken cancellationToken)
    {
        if (request.Lock is not null)
        {
            return await LockedResolution.ResolveAsync(request.Lock, inputs, archs, client, cancellationToken, bases, local?.World);
        }
        if (request.Plan is not null)
        {
            if (bases is not null)
            {
                throw new ImageDslException(ErrorKind.Configuration,
                    $"an image with a base image cannot be built from its compiled plan ({request.Plan.LockFile})",
                    $"Pass the lock file instead: --lockfile {request.Plan.LockFile}.");
            }
            return await PlannedResolution.ResolveAsync(request.Plan, inputs, archs, client, request.RelockCommand, cancellationToken, local?.World);
        }
        return bases is null
            ? await ImageResolver.ResolveAsync(inputs, archs, client, cancellationToken)
            : await bases.ResolveAsync(inputs, archs, client, cancellationToken);
    }

    /// <summary>
    /// apko's rule: with `SOURCE_DATE_EPOCH` present, its value (or `--build-date`); otherwise the
    /// newest package build date, but never before `--build-date`.
    /// </summary>
    internal static DateTimeOffset CreatedDate(BuildRequest request, IEnumerable<long> packageBuildDates)
    {
        DateTimeOffset floor = request.BuildDate ?? DateTimeOffset.UnixEpoch;
        if (request.SourceDateEpoch is { } sde)
        {
            return sde.Date ?? floor;
        }
        long newest = packageBuildDates.DefaultIfEmpty(0).Max();
        DateTimeOffset fromPackages = DateTimeOffset.FromUnixTimeSeconds(newest);
        return fromPackages > floor ? fromPackages : floor;
    }

    /// <summary>Local content's file dates: `SOURCE_DATE_EPOCH`, else `--build-date`, else 1970 (never the clock).</summary>
    private static long LocalContentDate(BuildRequest request) =>
        (request.SourceDateEpoch?.Date ?? request.BuildDate)?.ToUnixTimeSeconds() ?? 0;

    private static IReadOnlyList<LayerPackage> LayerPackages(AssembledTree assembled)
    {
        var records = assembled.Database.ToDictionary(d => d.Name, InstalledDatabaseWriter.Format, StringComparer.Ordinal);
        return assembled.Packages.Select(p => new LayerPackage(p.Info.Name, p.Info.Version, p.Info.Origin.Length > 0 ? p.Info.Origin : p.Info.Name, p.Info.InstalledSize)
        {
            Replaces = p.Info.Replaces,
            InstalledRecord = records.GetValueOrDefault(p.Info.Name),
        }).ToList();
    }

    /// <summary>
    /// Every installed package as the SBOM lists it. Local content packages also get their files and the
    /// NuGet packages of the .NET apps among them, read here, before any output is written, so a malformed
    /// `*.deps.json` fails the build rather than leaving an image without its SBOM.
    /// </summary>
    private static IReadOnlyList<SbomPackage> SbomPackages(AssembledTree assembled, Architecture arch, LocalContentRepository? local) =>
        assembled.Packages.Select(p => WithLocalContent(assembled, p.Info.Name, local is not null && local.Makes(p.Info.Name, p.Info.Version),
            new SbomPackage(p.Info.Name, p.Info.Version, p.Info.Arch.Length > 0 ? p.Info.Arch : arch.ApkName)
        {
            License = p.Info.License,
            Origin = p.Info.Origin,
            Description = p.Info.Description,
            Url = p.Info.Url,
            ControlChecksum = p.ControlChecksum,
            DataHash = p.DataHash,
            Maintainer = p.Info.Maintainer,
        })).ToList();

    private static SbomPackage WithLocalContent(AssembledTree assembled, string name, bool isLocal, SbomPackage package)
    {
        if (!isLocal)
        {
            return package;
        }
        IReadOnlyList<SbomFile> files = LocalFiles(assembled, name);
        return package with { Files = files, NuGet = DepsJsonReader.Read(assembled.Tree, name, files) };
    }

    /// <summary>A local package's regular files with their checksums, from the apk database the build wrote.</summary>
    private static IReadOnlyList<SbomFile> LocalFiles(AssembledTree assembled, string name) =>
        assembled.Database.Where(d => d.Name == name)
            .SelectMany(d => d.Paths)
            .Where(p => !p.IsDirectory && p.Sha1 is not null)
            .Select(p => new SbomFile("/" + p.Path.TrimStart('/'), Convert.ToHexStringLower(p.Sha1!)))
            .ToList();

    private static bool Satisfies(string version, string constraint)
    {
        PackageConstraint parsed = PackageConstraint.Parse("x" + constraint);
        return !parsed.Version.IsVersioned || (ApkVersion.TryParse(version, out ApkVersion? v) && parsed.IsSatisfiedBy(v));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
