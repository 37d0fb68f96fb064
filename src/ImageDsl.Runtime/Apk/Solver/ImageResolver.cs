using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Apk.Solver;

/// <summary>The resolution of an image for every arch, with the keys and indexes it used.</summary>
/// <param name="Inputs">The derived repositories, keyring and world.</param>
/// <param name="Keys">The keys loaded from the keyring entries.</param>
/// <param name="Archs">The arches, in the order resolved.</param>
/// <param name="Indexes">Each arch's indexes (same order as <paramref name="Archs"/>).</param>
/// <param name="Resolutions">Each arch's resolution (same order as <paramref name="Archs"/>).</param>
public sealed record ImageResolution(ApkInputs Inputs, IReadOnlyList<LoadedKey> Keys, IReadOnlyList<Architecture> Archs,
    IReadOnlyList<IReadOnlyList<ApkIndex>> Indexes, IReadOnlyList<Resolution> Resolutions)
{
    /// <summary>The resolution for one arch.</summary>
    public Resolution For(Architecture arch) => Resolutions[IndexOf(arch)];

    /// <summary>The indexes read for one arch.</summary>
    public IReadOnlyList<ApkIndex> IndexesFor(Architecture arch) => Indexes[IndexOf(arch)];

    private int IndexOf(Architecture arch)
    {
        for (int i = 0; i < Archs.Count; i++)
        {
            if (Archs[i].Equals(arch))
            {
                return i;
            }
        }
        throw new ArgumentException($"{arch} was not resolved", nameof(arch));
    }
}

/// <summary>The front half of a build: keys, indexes and resolution for each arch of an image.</summary>
public static class ImageResolver
{
    /// <summary>
    /// Loads the keyring, reads and verifies every build repository's index for each arch, and resolves
    /// the world for all arches together (a version missing on one arch is avoided on all).
    /// <paramref name="installed"/> (for a base image's packages) is one more index per arch, read
    /// from the base rather than a repository: its packages can satisfy dependencies like any other,
    /// and the caller pins them in the world and does not install them again.
    /// </summary>
    public static async Task<ImageResolution> ResolveAsync(ApkInputs inputs, IReadOnlyList<Architecture> archs,
        RepositoryClient client, CancellationToken cancellationToken = default, Func<Architecture, ApkIndex?>? installed = null)
    {
        IReadOnlyList<LoadedKey> keys = await LoadKeysForInstallAsync(inputs, client, cancellationToken);
        var keyring = new Keyring(keys.Select(k => k.Key));
        IReadOnlyList<ApkRepository> repositories = inputs.Repositories;
        IReadOnlyList<ApkIndex>[] indexes = await Task.WhenAll(archs.Select(arch =>
            Task.Run(() => client.GetIndexesAsync(repositories, arch.ApkName, keyring, cancellationToken), cancellationToken)));
        if (installed is not null)
        {
            for (int i = 0; i < archs.Count; i++)
            {
                indexes[i] = installed(archs[i]) is { } own ? [own, .. indexes[i]] : indexes[i];
            }
        }
        IReadOnlyList<Resolution> resolutions = Resolver.ResolveAll(inputs.World,
            archs.Select((a, i) => (a.ApkName, indexes[i])).ToList());
        return new ImageResolution(inputs, keys, archs, indexes, resolutions);
    }

    /// <summary>
    /// The keys every install starts from; refused first when there is no repository to install from, which
    /// would otherwise surface later as a puzzling "package not found".
    /// </summary>
    internal static async Task<IReadOnlyList<LoadedKey>> LoadKeysForInstallAsync(ApkInputs inputs, RepositoryClient client, CancellationToken cancellationToken)
    {
        if (inputs.BuildRepositories.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, "no repositories to install packages from",
                "Add `contents.repositories` (or `build_repositories`) to the configuration, or pass -r/--repository-append.");
        }
        return await client.LoadKeysAsync(inputs.Keyring, cancellationToken);
    }
}
