using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Build;

/// <summary>
/// A build from a compiled <see cref="BuildPlan"/>: no resolving. Each architecture's signed indexes are read
/// only to verify them and to find every pinned package (by name and version, in the repository the plan names);
/// a package the index no longer has, or has with another checksum, is drift and is refused. The packages are
/// installed in the plan's order, as apko installs a lock file's.
/// </summary>
internal static class PlannedResolution
{
    /// <param name="plan">The plan.</param>
    /// <param name="inputs">The build's repositories, keyring and world.</param>
    /// <param name="archs">The architectures to build.</param>
    /// <param name="client">Reads the indexes.</param>
    /// <param name="relockCommand">The command that locks the image again, for hints.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="unlocked">`name=version` of packages this build makes (local content), which no lock can list; found in any index.</param>
    public static async Task<ImageResolution> ResolveAsync(BuildPlan plan, ApkInputs inputs, IReadOnlyList<Architecture> archs,
        RepositoryClient client, string relockCommand, CancellationToken cancellationToken, IReadOnlyList<string>? unlocked = null)
    {
        IReadOnlyList<LoadedKey> keys = await ImageResolver.LoadKeysForInstallAsync(inputs, client, cancellationToken);
        var keyring = new Keyring(keys.Select(k => k.Key));
        IReadOnlyList<ApkRepository> repositories = inputs.Repositories;
        var indexes = new List<IReadOnlyList<ApkIndex>>();
        var resolutions = new List<Resolution>();
        foreach (Architecture arch in archs)
        {
            IReadOnlyList<PinnedPackage> pinned = plan.PackagesFor(arch.ApkName);
            if (pinned.Count == 0)
            {
                throw new ImageDslException(ErrorKind.Configuration,
                    $"the compiled build plan ({plan.LockFile}) has no packages for {arch} ({arch.ApkName})",
                    $"Lock every architecture you build: `{relockCommand}`, then build the project again.");
            }
            IReadOnlyList<ApkIndex> archIndexes = await client.GetIndexesAsync(repositories, arch.ApkName, keyring, cancellationToken);
            var packages = new List<PackageRecord>(pinned.Count);
            foreach (PinnedPackage package in pinned)
            {
                cancellationToken.ThrowIfCancellationRequested();
                packages.Add(Find(plan, package, arch, archIndexes, relockCommand));
            }
            foreach (string local in unlocked ?? [])
            {
                packages.Add(FindLocal(local, archIndexes));
            }
            indexes.Add(archIndexes);
            resolutions.Add(new Resolution(arch.ApkName, [], packages, [], []));
        }
        return new ImageResolution(inputs, keys, archs, indexes, resolutions);
    }

    /// <summary>The index entry of a pinned package, or the drift error naming the package, arch and repository.</summary>
    private static PackageRecord Find(BuildPlan plan, PinnedPackage package, Architecture arch, IReadOnlyList<ApkIndex> indexes, string relockCommand)
    {
        string what = $"{package.Name}-{package.Version} ({arch.ApkName}) from {UrlRedaction.Redact(package.Repository)}";
        string hint = $"The repository changed since {plan.LockFile} was made. Lock the image again (`{relockCommand}`) and build the project again, " +
            "or restore the repository.";
        List<ApkIndex> fromRepository = indexes.Where(i => SameRepository(i.Repository, package.Repository)).ToList();
        if (fromRepository.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"the compiled build plan ({plan.LockFile}) pins {what}, but that repository is not configured for {arch.ApkName} (or has no index)",
                hint);
        }
        PackageRecord? record = fromRepository.SelectMany(i => i.Packages)
            .FirstOrDefault(r => string.Equals(r.Name, package.Name, StringComparison.Ordinal) && string.Equals(r.Version, package.Version, StringComparison.Ordinal));
        if (record is null)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"drift: the compiled build plan ({plan.LockFile}) pins {what}, but the repository's index no longer has it", hint);
        }
        if (!string.Equals(record.ChecksumText, package.Checksum, StringComparison.Ordinal))
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"drift: the compiled build plan ({plan.LockFile}) pins {what} with checksum {Shown(package.Checksum)}, but the repository's index has checksum {Shown(record.ChecksumText)}",
                hint);
        }
        return record;
    }

    private static PackageRecord FindLocal(string nameEqualsVersion, IReadOnlyList<ApkIndex> indexes)
    {
        int equals = nameEqualsVersion.IndexOf('=');
        string name = nameEqualsVersion[..equals];
        string version = nameEqualsVersion[(equals + 1)..];
        return indexes.SelectMany(i => i.Packages).FirstOrDefault(r => r.Name == name && r.Version == version)
            ?? throw new ImageDslException(ErrorKind.Build, $"the local content package {name}-{version} is missing from its own repository",
                "This is a defect of ImageDsl; please report it.");
    }

    /// <summary>The plan records a repository as the lock did: the URL or folder without credentials or a trailing '/'.</summary>
    private static bool SameRepository(ApkRepository repository, string planned) =>
        string.Equals(UrlRedaction.StripUserInfo(repository.Url).TrimEnd('/'), planned.TrimEnd('/'), StringComparison.Ordinal);

    private static string Shown(string checksum) => checksum.Length == 0 ? "(none)" : checksum;
}
