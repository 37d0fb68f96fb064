using ImageDsl.Apk.Index;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Assembling.Accounts;
using ImageDsl.Assembling.ApkDatabase;
using ImageDsl.Assembling.Busybox;
using ImageDsl.Assembling.Certificates;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Install;
using ImageDsl.Assembling.Keys;
using ImageDsl.Assembling.LdSoCache;
using ImageDsl.Assembling.Paths;
using ImageDsl.Assembling.Services;
using ImageDsl.Assembling.Skeleton;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Progress;

namespace ImageDsl.Build;

/// <summary>The filesystem of one architecture's image, with what went into it.</summary>
internal sealed record AssembledTree(
    FileTree Tree,
    ImageConfiguration LockedConfiguration,
    IReadOnlyList<ApkPackageSummaryWithInfo> Packages,
    IReadOnlyList<InstalledPackage> Database);

/// <summary>An installed package and the facts SBOMs and layering need.</summary>
internal sealed record ApkPackageSummaryWithInfo(PackageInfo Info, string ControlChecksum, string DataHash, long Size);

/// <summary>
/// Assembles one architecture's filesystem in apko's order: skeleton and keys, packages in resolver
/// order, the apk database, accounts, `/etc/apko.json`, paths, certificates, runtime keys, services,
/// busybox links, devices, `/etc/ld.so.cache`.
/// </summary>
/// <summary>What every architecture's assembly of one build shares.</summary>
/// <param name="Configuration">The image configuration.</param>
/// <param name="Request">The build request (options, progress).</param>
/// <param name="ImageKeys">The keys written into the image's keyring (a local-content build key is not).</param>
/// <param name="Keyring">The keys packages are verified with, built once per build.</param>
/// <param name="Spill">Where file bodies beyond the memory budget go.</param>
/// <param name="Bases">The base image, when the configuration has one.</param>
internal sealed record ArchAssemblyContext(
    ImageConfiguration Configuration,
    BuildRequest Request,
    IReadOnlyList<LoadedKey> ImageKeys,
    Keyring Keyring,
    ContentSpill Spill,
    BaseImages? Bases);

internal static class ArchAssembly
{
    /// <summary>Assembles <paramref name="arch"/>'s filesystem from its fetched <paramref name="packages"/>.</summary>
    public static AssembledTree Assemble(
        ArchAssemblyContext context,
        Architecture arch,
        IReadOnlyList<(PackageRecord Record, string LocalPath)> packages,
        DateTimeOffset buildDate,
        CancellationToken cancellationToken)
    {
        var (configuration, request, keys, keyring, spill, bases) = context;
        IBuildProgress progress = request.Progress;
        var tree = new FileTree();
        ImageSkeleton.Create(tree, arch);
        foreach (LoadedKey key in keys)
        {
            RuntimeKeyringInstaller.WriteBuildKey(tree, key.Key.Name, key.Key.Pem);
        }

        var installer = new PackageInstaller(tree, spill);
        var summaries = new List<ApkPackageSummary>();
        var installed = new List<ApkPackageSummaryWithInfo>();
        // Packages are opened, verified and inflated ahead, on every core; they are installed in order.
        using (var prefetcher = new PackagePrefetcher(
            packages.Select(p => (Func<ApkPackage>)(() => ApkPackageReader.Open(p.LocalPath, request.ReaderOptions(p.Record, keyring), p.Record.PackageUrl))).ToList(),
            spill, Environment.ProcessorCount, cancellationToken))
        {
            for (int i = 0; i < prefetcher.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (ApkPackage package, IEnumerable<PreparedEntry> entries) = prefetcher.Take(i);
                installer.Install(package, entries, cancellationToken);
                summaries.Add(new ApkPackageSummary(package.Info.Name, package.Info.Version, package.ControlChecksum, package.Scripts, package.Info.Triggers));
                installed.Add(new ApkPackageSummaryWithInfo(package.Info, package.ControlChecksum, package.DataHash, package.Size));
            }
        }
        progress.Step(BuildStage.Install, $"{arch}: installed {packages.Count} packages");
        ImageSkeleton.LinkLegacyDatabase(tree);

        IReadOnlyList<InstalledPackage> database = installer.Database;
        if (bases is null)
        {
            ApkDatabaseFiles.WriteInstalled(tree, database);
        }
        else
        {
            // Merged, not replaced: the base's records stay first, as apk appends what it installs.
            BaseDatabase.WriteMerged(tree, bases.Image(arch).InstalledDatabase, database);
        }
        ApkDatabaseFiles.WriteScriptsAndTriggers(tree, summaries, request.SourceDateEpoch?.Date ?? DateTimeOffset.UnixEpoch);

        var world = packages.Select(p => p.Record.Pin is { } pin ? $"{p.Record.Name}={p.Record.Version}@{pin}" : $"{p.Record.Name}={p.Record.Version}")
            .Concat(bases?.Pins(arch) ?? []).Distinct(StringComparer.Ordinal).ToList();
        ApkDatabaseFiles.WriteSortedLines(tree, "etc/apk/world", world);
        var runtimeRepositories = configuration.Contents.Repositories
            .Concat(configuration.Contents.RuntimeRepositories)
            .Concat(request.Extras.Repositories)
            .Select(ApkInputs.TrimRepository)
            .Select(UrlRedaction.StripUserInfo) // the image is shipped: credentials stay with the build
            .ToList();
        if (runtimeRepositories.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, "must provide at least one repository",
                "Add `contents.repositories` or `contents.runtime_repositories` (build_repositories are never written into the image).");
        }
        ApkDatabaseFiles.WriteSortedLines(tree, "etc/apk/repositories", runtimeRepositories);

        // apko skips accounts on a base image: its /etc/passwd and /etc/group stay as they are.
        string? runAs = bases is null ? AccountsInstaller.Install(tree, configuration.Accounts) : configuration.Accounts?.RunAs;
        ImageConfiguration locked = configuration with
        {
            Contents = WithoutCredentials(configuration.Contents) with { Packages = world.OrderBy(w => w, StringComparer.Ordinal).ToValueList() },
            Archs = [arch],
            Accounts = configuration.Accounts is null && runAs is null ? null : (configuration.Accounts ?? new ImageAccounts()) with { RunAs = runAs },
        };
        tree.WriteFile("etc/apko.json", ApkoJsonWriter.Write(locked), (UnixFileMode)0x124);

        PathMutator.Apply(tree, configuration.Paths);
        var providers = ProviderPackages(installed, configuration.Certificates?.Providers ?? ValueList<string>.Empty);
        CertificateInstaller.Install(tree, configuration.Certificates, providers, buildDate);
        CertificateInstaller.WriteChecksumSidecars(tree, buildDate);
        RuntimeKeyringInstaller.Install(tree, configuration.Contents.RuntimeKeyring, buildDate);
        ServiceInstaller.Install(tree, configuration.Entrypoint);
        var busyboxInfo = installed.Select(p => p.Info).FirstOrDefault(i => i.Name == "busybox" || i.Provides.Any(p => p == "busybox" || p.StartsWith("busybox=", StringComparison.Ordinal)));
        string? busybox = busyboxInfo?.Name;
        if (BusyboxLinks.Install(tree, busybox, busyboxInfo?.Version) < 0)
        {
            progress.Warning($"{arch}: /bin/busybox is installed but {busybox} ships no /etc/busybox-paths.d list and its version '{busyboxInfo?.Version}' is not major.minor.patch[-suffix], so the applet table cannot be used; no applet links were made");
        }
        ImageSkeleton.CreateDevices(tree);
        if (bases is not null)
        {
            progress.Debug($"{arch}: /etc/ld.so.cache is left as the base image has it (this layer cannot see the base's libraries)");
        }
        else if (LdSoCacheGenerator.Generate(tree, arch) is { } libraries)
        {
            progress.Debug($"{arch}: wrote /etc/ld.so.cache with {libraries.Count} libraries");
        }
        foreach (string path in new[] { "etc/passwd", "etc/group", "etc/os-release" })
        {
            if (!tree.Exists(path))
            {
                progress.Debug($"{arch}: the image has no /{path}");
            }
        }
        return new AssembledTree(tree, locked, installed, database);
    }

    /// <summary>The contents as /etc/apko.json records them: every repository and keyring URL without its user information.</summary>
    private static ImageContents WithoutCredentials(ImageContents contents) => contents with
    {
        Repositories = contents.Repositories.Select(UrlRedaction.StripUserInfo).ToValueList(),
        BuildRepositories = contents.BuildRepositories.Select(UrlRedaction.StripUserInfo).ToValueList(),
        RuntimeRepositories = contents.RuntimeRepositories.Select(UrlRedaction.StripUserInfo).ToValueList(),
        Keyring = contents.Keyring.Select(UrlRedaction.StripUserInfo).ToValueList(),
    };

    private static HashSet<string> ProviderPackages(IReadOnlyList<ApkPackageSummaryWithInfo> installed, IReadOnlyList<string> providers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ApkPackageSummaryWithInfo p in installed)
        {
            if (providers.Any(v => p.Info.Name == v || p.Info.Provides.Any(x => x == v || x.StartsWith(v + "=", StringComparison.Ordinal))))
            {
                names.Add(p.Info.Name);
            }
        }
        return names;
    }
}
