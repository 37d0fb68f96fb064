using ImageDsl.Apk.Lock;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Build;

/// <summary>
/// Resolution under `--lockfile`: every architecture's world becomes exactly its locked
/// `name=version` list. Unlike apko, the signed index is still read, so each locked package is
/// checked against a trusted `C:` as well as against the lock's checksum.
/// </summary>
internal static class LockedResolution
{
    /// <param name="lockFile">The lock.</param>
    /// <param name="inputs">The build's repositories, keyring and world.</param>
    /// <param name="archs">The architectures to resolve.</param>
    /// <param name="client">Reads the indexes.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <param name="bases">The base images, if any.</param>
    /// <param name="unlocked">`name=version` of packages made by this build (local content), which no lock can list.</param>
    public static async Task<ImageResolution> ResolveAsync(LockFile lockFile, ApkInputs inputs, IReadOnlyList<Architecture> archs,
        RepositoryClient client, CancellationToken cancellationToken, BaseImages? bases = null, IReadOnlyList<string>? unlocked = null)
    {
        var resolutions = new List<Resolution>();
        var indexes = new List<IReadOnlyList<Apk.Index.ApkIndex>>();
        IReadOnlyList<LoadedKey>? keys = null;
        foreach (Architecture arch in archs)
        {
            IReadOnlyList<LockPackage> locked = lockFile.PackagesFor(arch.ApkName);
            if (locked.Count == 0)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"the lock file has no packages for {arch} ({arch.ApkName})",
                    "Regenerate it with `dotnet image lock` for every architecture you build.");
            }
            ApkInputs pinned = inputs with { World = [.. locked.Select(p => $"{p.Name}={p.Version}"), .. unlocked ?? []] };
            ImageResolution one = bases is null
                ? await ImageResolver.ResolveAsync(pinned, [arch], client, cancellationToken)
                : await ImageResolver.ResolveAsync(bases.WithPins(pinned, pinned.World, arch), [arch], client, cancellationToken, bases.Installed);
            keys ??= one.Keys;
            Resolution resolution = one.For(arch);
            foreach (LockPackage package in locked)
            {
                var record = resolution.Find(package.Name);
                if (record is null || record.Version != package.Version || (package.Checksum.Length > 0 && record.ChecksumText != package.Checksum))
                {
                    throw new ImageDslException(ErrorKind.Integrity,
                        $"locked package {package.Name}-{package.Version} ({arch}) does not match the repository: index has {(record is null ? "no such package" : $"{record.Version} with checksum {record.ChecksumText}")}, lock says {package.Checksum}",
                        "The repository changed since the lock was made; regenerate it with `dotnet image lock`.");
                }
            }
            resolutions.Add(resolution);
            indexes.Add(one.IndexesFor(arch));
        }
        return new ImageResolution(inputs, keys ?? [], archs, indexes, resolutions);
    }
}
