using ImageDsl.Apk.Index;
using ImageDsl.Apk.Signing;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Repositories;

/// <summary>A package file on local disk, ready to be verified and expanded.</summary>
/// <param name="Package">The index record it was fetched for.</param>
/// <param name="Url">Where it came from (`&lt;repo&gt;/&lt;arch&gt;/&lt;name&gt;-&lt;version&gt;.apk`, credentials included as configured).</param>
/// <param name="LocalPath">The file: in the repository folder for local repositories, else in the cache.</param>
public sealed record FetchedPackage(PackageRecord Package, string Url, string LocalPath);

/// <summary>A keyring entry as configured, and the key it yielded.</summary>
/// <param name="Source">The file path or URL as given.</param>
/// <param name="Key">The key, named by the file name.</param>
public sealed record LoadedKey(string Source, ApkPublicKey Key);

/// <summary>
/// Fetches what a build needs from repositories — indexes (verified and parsed), keys and package
/// files — from local folders or http(s) URLs, through the shared cache.
/// </summary>
public sealed class RepositoryClient : IDisposable
{
    private readonly RepositoryClientOptions _options;
    private readonly HttpFetcher _http;

    /// <summary>Creates a client; nothing is fetched until asked.</summary>
    public RepositoryClient(RepositoryClientOptions? options = null)
    {
        _options = options ?? new RepositoryClientOptions();
        if (HttpCredentials.IsMalformed(_options.HttpAuth))
        {
            Warn("HTTP_AUTH is set but is not basic:<host>:<user>:<password>; it is ignored");
        }
        Cache = new RepositoryCache(_options.CacheDirectory);
        _http = new HttpFetcher(_options, Cache);
    }

    /// <summary>The cache in use.</summary>
    public RepositoryCache Cache { get; }

    /// <summary>The options in use.</summary>
    public RepositoryClientOptions Options => _options;

    /// <summary>HTTP requests sent so far (each retry counts).</summary>
    public int HttpRequestCount => _http.RequestCount;

    /// <summary>The repositories' HTTP client, shared by key discovery so one build has one HTTP stack.</summary>
    internal HttpClient HttpClient => _http.Client;

    /// <summary>
    /// Reads, verifies and parses each repository's index for <paramref name="apkArch"/>, in order. A
    /// missing local index is a warning and that repository is skipped (as apko). Offline, every index
    /// missing from the cache is listed in one error.
    /// </summary>
    public async Task<IReadOnlyList<ApkIndex>> GetIndexesAsync(IEnumerable<ApkRepository> repositories, string apkArch,
        Keyring keyring, CancellationToken cancellationToken = default)
    {
        List<ApkRepository> list = repositories.ToList();
        var tasks = list.Select(r => TryGetIndexAsync(r, apkArch, keyring, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch when (tasks.Any(t => t.IsFaulted && t.Exception!.InnerException is OfflineMissException))
        {
            // Reported below, all together.
        }
        var missing = tasks.Where(t => t.IsFaulted && t.Exception!.InnerException is OfflineMissException)
            .Select(t => ((OfflineMissException)t.Exception!.InnerException!).Url).ToList();
        if (missing.Count > 0)
        {
            throw new ImageDslException(ErrorKind.Network,
                "--offline: these indexes are not in the cache:\n  " + string.Join("\n  ", missing.Select(UrlRedaction.Redact)),
                $"Run once without --offline (same --cache-dir: {Cache.Root}) to fill the cache.");
        }
        return tasks.Select(t => t.Result).OfType<ApkIndex>().ToList();
    }

    /// <summary>Reads one index; null when it is a local index that does not exist (a warning is printed).</summary>
    public async Task<ApkIndex?> GetIndexAsync(ApkRepository repository, string apkArch, Keyring keyring, CancellationToken cancellationToken = default)
    {
        try
        {
            return await TryGetIndexAsync(repository, apkArch, keyring, cancellationToken);
        }
        catch (OfflineMissException e)
        {
            throw new ImageDslException(ErrorKind.Network, $"--offline: the index {UrlRedaction.Redact(e.Url)} is not in the cache",
                $"Run once without --offline (same --cache-dir: {Cache.Root}) to fill the cache.");
        }
    }

    private async Task<ApkIndex?> TryGetIndexAsync(ApkRepository repository, string apkArch, Keyring keyring, CancellationToken cancellationToken)
    {
        string url = repository.IndexUrl(apkArch);
        string indexFile;
        if (repository.IsRemote)
        {
            CachedResource cached = await _http.FetchCachedAsync(url, cancellationToken, MaxIndexFileSize, IndexLimitReason);
            indexFile = CheckedIndexFile(cached.Path, url);
            if (cached.FromCache && !_options.Offline)
            {
                try
                {
                    return ReadIndex(indexFile, repository, apkArch, url);
                }
                catch (ImageDslException e) when (e.Kind == ErrorKind.Integrity)
                {
                    // The server said "not modified", so the damage is in our copy: forget it and download the index whole.
                    Warn($"{UrlRedaction.Redact(url)}: the cached copy failed verification ({e.Message}); fetching it again");
                    Cache.Evict(url);
                    cached = await _http.FetchCachedAsync(url, cancellationToken, MaxIndexFileSize, IndexLimitReason);
                    indexFile = CheckedIndexFile(cached.Path, url);
                }
            }
        }
        else
        {
            string path = LocalPath(url);
            if (!File.Exists(path))
            {
                Warn($"getting local index {path}: the file does not exist; skipping repository {repository}");
                return null;
            }
            indexFile = CheckedIndexFile(path, url);
        }
        return ReadIndex(indexFile, repository, apkArch, url);

        ApkIndex ReadIndex(string file, ApkRepository from, string arch, string location)
        {
            if (_options.IgnoreSignatures)
            {
                Warn($"not verifying the signature of {UrlRedaction.Redact(location)} (--ignore-signatures)");
            }
            // Streamed: verified by hashing as it reads, parsed as it decompresses; never one big array.
            using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920);
            return ApkIndex.Read(content, from, arch, location, _options.IgnoreSignatures ? null : keyring, _options.MaxIndexDecompressedSize);
        }
    }

    /// <summary>Loads keyring entries (files, or http(s) URLs fetched through the cache); keys are named by file name.</summary>
    public async Task<IReadOnlyList<LoadedKey>> LoadKeysAsync(IEnumerable<string> entries, CancellationToken cancellationToken = default)
    {
        var keys = new List<LoadedKey>();
        foreach (string entry in entries)
        {
            if (ApkRepository.IsHttpUrl(entry))
            {
                CachedResource cached;
                try
                {
                    cached = await _http.FetchCachedAsync(entry, cancellationToken);
                }
                catch (OfflineMissException)
                {
                    throw new ImageDslException(ErrorKind.Network, $"--offline: the key {UrlRedaction.Redact(entry)} is not in the cache",
                        $"Run once without --offline (same --cache-dir: {Cache.Root}) to fill the cache.");
                }
                string name = Uri.UnescapeDataString(new Uri(UrlRedaction.StripUserInfo(entry)).Segments[^1]);
                keys.Add(new LoadedKey(entry, ApkPublicKey.FromPem(name, await File.ReadAllTextAsync(cached.Path, cancellationToken), UrlRedaction.Redact(entry))));
            }
            else
            {
                keys.Add(new LoadedKey(entry, ApkPublicKey.FromFile(LocalPath(entry))));
            }
        }
        return keys;
    }

    /// <summary>
    /// Makes a package file available locally: the file itself for local repositories, else a cached
    /// download keyed by the control checksum. The content is not verified here (the package reader does that).
    /// </summary>
    public Task<FetchedPackage> FetchPackageAsync(PackageRecord package, CancellationToken cancellationToken = default) =>
        FetchPackageAsync(package, refresh: false, cancellationToken);

    /// <summary>
    /// Downloads a remote package again although it is cached (its cached copy failed verification). The
    /// new file replaces the old one in one rename, so a build sharing the cache never finds the path
    /// missing or half-written; a local repository's file is returned as it is.
    /// </summary>
    public Task<FetchedPackage> RefetchPackageAsync(PackageRecord package, CancellationToken cancellationToken = default) =>
        FetchPackageAsync(package, refresh: true, cancellationToken);

    private async Task<FetchedPackage> FetchPackageAsync(PackageRecord package, bool refresh, CancellationToken cancellationToken)
    {
        string url = package.PackageUrl;
        if (!package.Repository.IsRemote)
        {
            string folder = LocalPath(package.Repository.ArchUrl(package.RepositoryArch));
            string path = LocalPath(url);
            if (Path.GetDirectoryName(path) != folder.TrimEnd(Path.DirectorySeparatorChar))
            {
                throw new ImageDslException(ErrorKind.Integrity, $"{package.Repository}: the index names package file {path}, outside the repository folder {folder}",
                    "A package file must sit beside the index; regenerate the index or remove the repository.");
            }
            if (!File.Exists(path))
            {
                throw new ImageDslException(ErrorKind.Network, $"package file {path} does not exist",
                    $"The index of {package.Repository} lists {package.FileName}, but the file is missing; regenerate the index.");
            }
            return new FetchedPackage(package, url, path);
        }
        string cachePath = Cache.PackagePath(package);
        if (refresh || !RepositoryCache.IsRegularFile(cachePath))
        {
            if (!RepositoryCache.IsRegularFile(cachePath) && (Directory.Exists(cachePath) || new FileInfo(cachePath).LinkTarget is not null))
            {
                Warn($"{package}: the cache holds something other than a file at {cachePath}; replacing it");
                RepositoryCache.Remove(cachePath);
            }
            if (_options.Offline)
            {
                throw new ImageDslException(ErrorKind.Network,
                    refresh ? $"--offline: the cached {UrlRedaction.Redact(url)} is damaged and cannot be fetched again offline"
                            : $"--offline: failed to read {UrlRedaction.Redact(url)} in offline cache",
                    $"Run once without --offline (same --cache-dir: {Cache.Root}) to fill the cache.");
            }
            // The signed index states the file's size: a server sending more is refused as it streams.
            long bound = package.Size > 0 ? package.Size + PackageSizeSlack : -1;
            await _http.DownloadToAsync(url, cachePath, cancellationToken, bound,
                bound < 0 ? null : $"the index states {package.Size} bytes for {package}");
        }
        return new FetchedPackage(package, url, cachePath);
    }

    /// <summary>Removes a cached package (e.g. when even a fresh download failed verification), so no known-bad file stays in the cache.</summary>
    public void EvictPackage(PackageRecord package)
    {
        if (package.Repository.IsRemote)
        {
            RepositoryCache.Remove(Cache.PackagePath(package));
        }
    }

    /// <summary>Bytes a package download may exceed the index's `S:` size by (apk's `S:` is the whole file; the slack absorbs repositories that count differently).</summary>
    public const long PackageSizeSlack = 64 * 1024;

    /// <summary>
    /// The most bytes an index file may have before it is read: its decompressed limit plus 1 MiB (gzip
    /// never grows data by more, and the signature member is small), or 2 GiB - 1 when unlimited, the
    /// most one array can hold, so a larger file is a clear error rather than an internal one.
    /// </summary>
    private long MaxIndexFileSize => _options.MaxIndexDecompressedSize is >= 0 and < int.MaxValue - (1 << 20)
        ? _options.MaxIndexDecompressedSize + (1 << 20)
        : Array.MaxLength;

    private string IndexLimitReason => $"an index may decompress to at most {_options.MaxIndexDecompressedSize} bytes (--max-apkindex-decompressed-size)";

    /// <summary>Checks an index file's size before anything reads it, so an oversized file is refused unread.</summary>
    private string CheckedIndexFile(string path, string url)
    {
        long length = new FileInfo(path).Length;
        if (length > MaxIndexFileSize)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"{UrlRedaction.Redact(url)}: the index file is {length} bytes, more than {MaxIndexFileSize} ({IndexLimitReason}); refused unread",
                "Raise --max-apkindex-decompressed-size if the repository is genuine.");
        }
        return path;
    }

    /// <summary>A local repository location as a file path (`file://` URLs allowed; relative paths resolve against the working directory).</summary>
    public static string LocalPath(string location) =>
        Path.GetFullPath(location.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(location).LocalPath : location);

    private void Warn(string message) => _options.Warn?.Invoke(message);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
