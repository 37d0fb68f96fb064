using ImageDsl.Model;

namespace ImageDsl.Apk.Repositories;

/// <summary>Command-line additions to a configuration: `-k`, `-b`, `-r`, `-p`.</summary>
/// <param name="Keys">`-k/--keyring-append`.</param>
/// <param name="BuildRepositories">`-b/--build-repository-append`.</param>
/// <param name="Repositories">`-r/--repository-append` (also written into the image).</param>
/// <param name="Packages">`-p/--package-append`.</param>
public sealed record ApkExtras(IReadOnlyList<string> Keys, IReadOnlyList<string> BuildRepositories,
    IReadOnlyList<string> Repositories, IReadOnlyList<string> Packages)
{
    /// <summary>No additions.</summary>
    public static ApkExtras None { get; } = new([], [], [], []);
}

/// <summary>
/// What a build resolves with, derived as apko's `initializeApk` does: the build repositories are the
/// sorted set of `build_repositories` ∪ `repositories` ∪ `-b` ∪ `-r` (`runtime_repositories` never
/// take part), the keyring the sorted set of `keyring` ∪ `-k`, the world the sorted set of `packages` ∪ `-p`.
/// </summary>
/// <param name="BuildRepositories">Repository lines (`URL` or `@tag URL`), sorted, distinct, trailing '/' trimmed.</param>
/// <param name="Keyring">Key files or URLs, sorted, distinct.</param>
/// <param name="World">World constraints, sorted, distinct.</param>
public sealed record ApkInputs(IReadOnlyList<string> BuildRepositories, IReadOnlyList<string> Keyring, IReadOnlyList<string> World)
{
    /// <summary>Derives the inputs from a configuration and command-line additions.</summary>
    public static ApkInputs From(ImageConfiguration configuration, ApkExtras? extras = null)
    {
        extras ??= ApkExtras.None;
        ImageContents contents = configuration.Contents;
        return new ApkInputs(
            SortedSet([.. contents.BuildRepositories, .. contents.Repositories, .. extras.BuildRepositories, .. extras.Repositories], TrimRepository),
            SortedSet([.. contents.Keyring, .. extras.Keys], k => k),
            SortedSet([.. contents.Packages, .. extras.Packages], p => p));
    }

    /// <summary>The build repositories parsed.</summary>
    public IReadOnlyList<ApkRepository> Repositories => BuildRepositories.Select(ApkRepository.Parse).ToList();

    /// <summary>apko trims one trailing '/' from repository strings (`trimRepos`); we trim all of them.</summary>
    public static string TrimRepository(string repository) => repository.Trim().TrimEnd('/');

    private static IReadOnlyList<string> SortedSet(IEnumerable<string> items, Func<string, string> normalize) =>
        items.Select(normalize).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
}
