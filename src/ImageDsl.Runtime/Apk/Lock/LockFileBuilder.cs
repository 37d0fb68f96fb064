using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Solver;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Apk.Lock;

/// <summary>Makes apko's lock file from a resolution, fetching every package to measure its members.</summary>
public static class LockFileBuilder
{
    /// <summary>Packages downloaded at once (apko uses GOMAXPROCS+1).</summary>
    private static readonly int MaxParallelFetches = Environment.ProcessorCount + 1;

    /// <summary>
    /// Builds the lock: keyring (sorted by name, with PEM content), repositories per arch (build, runtime,
    /// image repositories, each `@label` removed), and every arch's packages in install order with byte
    /// ranges and checksums. A package whose control checksum differs from its index entry is refused.
    /// </summary>
    /// <param name="configName">The configuration path as given.</param>
    /// <param name="configChecksum">`sha256-…` of the configuration bytes.</param>
    /// <param name="configuration">The configuration (its repository lists are recorded).</param>
    /// <param name="extras">Command-line additions (`-b` joins build_repositories, `-r` repositories).</param>
    /// <param name="resolution">The resolution of every arch.</param>
    /// <param name="client">Fetches the packages.</param>
    /// <param name="cancellationToken">Cancels the fetches.</param>
    /// <param name="preinstalled">Packages a base image already has: resolved, but not locked (the base pins them).</param>
    /// <param name="world">The declared packages to record as `config.world` (ImageDsl's addition for C# images), or null.</param>
    public static async Task<LockFile> BuildAsync(string configName, string configChecksum, ImageConfiguration configuration,
        ApkExtras extras, ImageResolution resolution, RepositoryClient client, CancellationToken cancellationToken = default,
        Func<Architecture, PackageRecord, bool>? preinstalled = null, IReadOnlyList<string>? world = null)
    {
        var keyring = resolution.Keys
            .Select(k => new LockKey { Name = StripScheme(UrlRedaction.StripUserInfo(k.Source)), Url = UrlRedaction.StripUserInfo(k.Source), Content = k.Key.Pem })
            .OrderBy(k => k.Name, StringComparer.Ordinal).ToList();
        var build = new List<LockRepository>();
        var runtime = new List<LockRepository>();
        var image = new List<LockRepository>();
        var packages = new List<LockPackage>();
        using var slots = new SemaphoreSlim(MaxParallelFetches);
        foreach (Architecture arch in resolution.Archs)
        {
            var fetches = resolution.For(arch).Packages.Where(p => preinstalled is null || !preinstalled(arch, p)).Select(async p =>
            {
                await slots.WaitAsync(cancellationToken);
                try
                {
                    return await LockPackageAsync(p, client, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }).ToList();
            packages.AddRange(await Task.WhenAll(fetches));
            build.AddRange(configuration.Contents.BuildRepositories.Concat(extras.BuildRepositories).Select(r => Repository(r, arch)));
            runtime.AddRange(configuration.Contents.RuntimeRepositories.Select(r => Repository(r, arch)));
            image.AddRange(configuration.Contents.Repositories.Concat(extras.Repositories).Select(r => Repository(r, arch)));
        }
        return new LockFile
        {
            Config = new LockConfig { Name = configName, Checksum = configChecksum, World = world },
            Contents = new LockContents
            {
                Keyring = keyring,
                BuildRepositories = build,
                RuntimeRepositories = runtime,
                Repositories = image,
                Packages = packages,
            },
        };
    }

    private static async Task<LockPackage> LockPackageAsync(PackageRecord package, RepositoryClient client, CancellationToken cancellationToken)
    {
        FetchedPackage fetched = await client.FetchPackageAsync(package, cancellationToken);
        string what = UrlRedaction.Redact(fetched.Url);
        PackageSections sections = await Task.Run(() => PackageSections.Measure(fetched.LocalPath, what), cancellationToken);
        if (package.Checksum is not null && !package.Checksum.AsSpan().SequenceEqual(sections.ControlSha1))
        {
            client.EvictPackage(package);
            throw new ImageDslException(ErrorKind.Integrity,
                $"{what}: control hash mismatch: the index says {package.ChecksumText}, the file has Q1{Convert.ToBase64String(sections.ControlSha1)}",
                "The package file is not the one the signed index lists; it was replaced or damaged. Fetch it again or regenerate the index.");
        }
        return new LockPackage
        {
            Name = package.Name,
            Url = UrlRedaction.StripUserInfo(fetched.Url),
            Version = package.Version,
            Architecture = package.Arch,
            Signature = sections.SignatureRange,
            Control = sections.ControlRange,
            Data = sections.DataRange,
            Checksum = "Q1" + Convert.ToBase64String(sections.ControlSha1),
        };
    }

    /// <summary>apko's `repoLock`: name = repository/arch without scheme, then without `@label`s; url = the index URL without labels.</summary>
    private static LockRepository Repository(string repository, Architecture arch)
    {
        string withArch = $"{ApkInputs.TrimRepository(repository)}/{arch.ApkName}";
        return new LockRepository
        {
            Name = RemoveLabel(StripScheme(UrlRedaction.StripUserInfo(withArch))),
            Url = UrlRedaction.StripUserInfo(RemoveLabel(withArch + "/APKINDEX.tar.gz")),
            Architecture = arch.ApkName,
        };
    }

    /// <summary>Drops leading `@label ` prefixes (`@a @b url` → `url`).</summary>
    public static string RemoveLabel(string text)
    {
        while (text.StartsWith('@'))
        {
            int space = text.IndexOf(' ');
            if (space < 0)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"repository '{text}' does not follow the format '@label url'",
                    "Write a tagged repository as `@tag https://host/path`.");
            }
            text = text[(space + 1)..].TrimStart();
        }
        return text;
    }

    private static string StripScheme(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..]
        : url.StartsWith("http://", StringComparison.Ordinal) ? url["http://".Length..]
        : url;
}
