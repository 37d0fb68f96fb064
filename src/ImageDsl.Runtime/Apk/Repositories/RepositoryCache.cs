using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageDsl.Apk.Index;

namespace ImageDsl.Apk.Repositories;

/// <summary>A file fetched over HTTP and kept in the cache, with the validators to revalidate it.</summary>
/// <param name="Url">The URL it came from (without credentials).</param>
/// <param name="Path">The cached file.</param>
/// <param name="ETag">The server's ETag, or null.</param>
/// <param name="LastModified">The server's Last-Modified, or null.</param>
public sealed record CachedResource(string Url, string Path, string? ETag, string? LastModified)
{
    /// <summary>True when the content was already in the cache (the server answered 304, or offline), not just downloaded.</summary>
    public bool FromCache { get; init; }
}

/// <summary>
/// The download cache (`--cache-dir`, default <c>$XDG_CACHE_HOME/imagedsl</c> or <c>~/.cache/imagedsl</c>).
/// Layout: one folder per repository arch (<c>&lt;escaped scheme://host/path&gt;</c>), holding an entry
/// folder per revalidated file (<c>APKINDEX.tar.gz/entry.json</c> + content-named data files) and
/// packages named by their control checksum. Every write goes to a temporary file that is then renamed,
/// so builds sharing the cache never see half a file.
/// </summary>
public sealed partial class RepositoryCache
{
    private const string EntryFile = "entry.json";

    /// <summary>An entry holds a URL, a file name and two validators; anything larger is damage, not read.</summary>
    internal const int MaxEntryBytes = 64 * 1024;

    /// <summary>Uses (and creates on demand) <paramref name="root"/>.</summary>
    public RepositoryCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary><c>$XDG_CACHE_HOME/imagedsl</c>, else <c>~/.cache/imagedsl</c>.</summary>
    public static string DefaultRoot()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string baseDir = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "imagedsl");
    }

    /// <summary>The cached copy of <paramref name="url"/>, or null when there is none (or it vanished).</summary>
    public CachedResource? Lookup(string url)
    {
        string directory = EntryDirectory(url);
        CachePathGuard.CheckNoLinks(Root, directory);
        string entry = Path.Combine(directory, EntryFile);
        try
        {
            if (!IsRegularFile(entry))
            {
                return null;
            }
            byte[]? json = ReadEntry(entry);
            if (json is null)
            {
                return null;
            }
            var stored = JsonSerializer.Deserialize(json, StoredEntryJson.Default.StoredEntry);
            // The entry names a data file in its own folder; anything else (a path, "..") is damage, not a pointer to follow.
            if (stored?.File is not { Length: > 0 } file || file != System.IO.Path.GetFileName(file) || file is "." or "..")
            {
                return null;
            }
            string data = Path.Combine(directory, stored.File);
            return IsRegularFile(data) ? new CachedResource(UrlRedaction.StripUserInfo(url), data, stored.ETag, stored.LastModified) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A new temporary file beside where <paramref name="url"/>'s content will live (same file system, so the final rename is atomic).</summary>
    public string NewTemporaryFile(string url)
    {
        string directory = EntryDirectory(url);
        CachePathGuard.EnsureDirectory(Root, directory);
        return TemporaryIn(directory);
    }

    /// <summary>A new temporary file in the folder of <paramref name="finalPath"/> (a cache path), the folder created without following links.</summary>
    public string NewTemporaryFileBeside(string finalPath)
    {
        string directory = Path.GetDirectoryName(CachePathGuard.Confine(Root, finalPath))!;
        CachePathGuard.EnsureDirectory(Root, directory);
        return TemporaryIn(directory);
    }

    /// <summary>
    /// Publishes a downloaded file as the cached copy of <paramref name="url"/>: the content is stored
    /// under its SHA-256, then the entry is switched to it in one rename. Older copies are pruned later.
    /// </summary>
    public CachedResource Store(string url, string temporaryFile, string? etag, string? lastModified)
    {
        string dir = EntryDirectory(url);
        CachePathGuard.EnsureDirectory(Root, dir);
        string hash;
        using (FileStream stream = File.OpenRead(temporaryFile))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        string dataName = hash + ".data";
        string data = Path.Combine(dir, dataName);
        Publish(temporaryFile, data);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(new StoredEntry(UrlRedaction.StripUserInfo(url), dataName, etag, lastModified), StoredEntryJson.Default.StoredEntry);
        string temp = TemporaryIn(dir);
        File.WriteAllBytes(temp, json);
        File.Move(temp, Path.Combine(dir, EntryFile), overwrite: true);
        PruneOlderData(dir, dataName);
        return new CachedResource(UrlRedaction.StripUserInfo(url), data, etag, lastModified);
    }

    /// <summary>Forgets the cached copy of <paramref name="url"/> (e.g. after it failed verification), so the next fetch downloads it whole.</summary>
    public void Evict(string url)
    {
        string directory = EntryDirectory(url);
        CachePathGuard.CheckNoLinks(Root, directory);
        File.Delete(Path.Combine(directory, EntryFile));
    }

    /// <summary>
    /// True when <paramref name="path"/> is a regular file. The cache only ever holds regular files, so
    /// anything else found at a cache path (a directory, a symlink, dangling or not) is damage to remove.
    /// </summary>
    public static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    /// <summary>
    /// Removes whatever is at <paramref name="path"/> (file, symlink or directory tree; links are removed,
    /// never followed). Another build removing it at the same time is not an error.
    /// </summary>
    public static void Remove(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is null && Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }

    /// <summary>Where a remote package is cached: keyed by repository, arch, name, version and control checksum.</summary>
    public string PackagePath(PackageRecord package)
    {
        string dir = RepositoryArchDirectory(package.Repository.Url, package.RepositoryArch);
        string key = package.Checksum is null ? "" : "." + Convert.ToHexStringLower(package.Checksum);
        // The index validated name and version; the guard still checks, as records can be built in code.
        string path = CachePathGuard.Confine(dir, Path.Combine(dir, $"{package.Name}-{package.Version}{key}.apk"));
        CachePathGuard.CheckNoLinks(Root, dir);
        return path;
    }

    /// <summary>Moves a finished temporary file to <paramref name="finalPath"/> in one rename (replacing any file there atomically).</summary>
    public static void Publish(string temporaryFile, string finalPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        File.Move(temporaryFile, finalPath, overwrite: true);
    }

    /// <summary>A new temporary file in <paramref name="directory"/> (created if needed).</summary>
    public static string TemporaryIn(string directory)
    {
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
    }

    /// <summary>The folder of one repository arch: <c>&lt;root&gt;/&lt;escaped url&gt;/&lt;arch&gt;</c>.</summary>
    public string RepositoryArchDirectory(string repositoryUrl, string arch) =>
        Path.Combine(Root, Escape(UrlRedaction.StripUserInfo(repositoryUrl)), Escape(arch));

    /// <summary>The entry folder of one URL: the folder of its parent path, then its file name.</summary>
    private string EntryDirectory(string url)
    {
        string clean = UrlRedaction.StripUserInfo(url);
        int query = clean.IndexOfAny(['?', '#']);
        string path = query < 0 ? clean : clean[..query];
        int slash = path.LastIndexOf('/');
        string parent = slash > 0 ? path[..slash] : path;
        string name = slash > 0 ? path[(slash + 1)..] : "resource";
        if (query >= 0)
        {
            name += "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clean)))[..16];
        }
        return Path.Combine(Root, Escape(parent), Escape(name));
    }

    private static string Escape(string text)
    {
        string escaped = Uri.EscapeDataString(text);
        if (escaped.Length <= 180 && escaped is not ("." or ".."))
        {
            return escaped;
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return escaped[..Math.Min(escaped.Length, 150)] + "-" + hash;
    }

    /// <summary>
    /// Removes temporary files in <paramref name="directory"/> (a cache folder) not written to for 10 minutes:
    /// downloads of builds that were killed. Files of downloads still running are recent, so they stay.
    /// Only regular files named as this cache names its temporaries are touched, never through a link.
    /// </summary>
    public void PruneStaleTemporaries(string directory) => PruneStaleTemporaries(Root, directory);

    /// <summary>The same for another cache kept under <paramref name="root"/> (the layer cache) that names its temporaries alike.</summary>
    internal static void PruneStaleTemporaries(string root, string directory)
    {
        DateTime cutoff = DateTime.UtcNow - TimeSpan.FromMinutes(10);
        try
        {
            CachePathGuard.CheckNoLinks(root, directory);
            foreach (string file in Directory.EnumerateFiles(directory, ".tmp-*"))
            {
                if (IsOurTemporary(Path.GetFileName(file)) && IsRegularFile(file) && File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another build is pruning too; what is left goes next time.
        }
    }

    /// <summary>Removes superseded data files and stale temporaries, leaving recent ones for readers that may still hold the old entry.</summary>
    private static void PruneOlderData(string dir, string current)
    {
        DateTime cutoff = DateTime.UtcNow - TimeSpan.FromMinutes(10);
        foreach (string file in Directory.EnumerateFiles(dir))
        {
            string name = Path.GetFileName(file);
            // Only names this cache writes (<sha256>.data, .tmp-<guid>): a file someone else put here is not ours to delete.
            bool stale = (IsOurData(name) && name != current) || IsOurTemporary(name);
            try
            {
                if (stale && IsRegularFile(file) && File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
                // Another build is using or removing it; it is pruned next time.
            }
        }
    }

    /// <summary>`.tmp-` and 32 lowercase hex digits, as <see cref="TemporaryIn"/> names them.</summary>
    internal static bool IsOurTemporary(string name) =>
        name.Length == 37 && name.StartsWith(".tmp-", StringComparison.Ordinal) && IsLowerHex(name.AsSpan(5));

    /// <summary>64 lowercase hex digits and `.data`, as <see cref="Store"/> names content.</summary>
    internal static bool IsOurData(string name) =>
        name.Length == 69 && name.EndsWith(".data", StringComparison.Ordinal) && IsLowerHex(name.AsSpan(0, 64));

    private static bool IsLowerHex(ReadOnlySpan<char> text) => text.IndexOfAnyExcept("0123456789abcdef") < 0;

    private sealed record StoredEntry(string Url, string File, string? ETag, string? LastModified);

    /// <summary>The entry's bytes, or null when it is larger than <see cref="MaxEntryBytes"/> (read with that bound, so growing it meanwhile does not help).</summary>
    private static byte[]? ReadEntry(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        byte[] buffer = new byte[MaxEntryBytes + 1];
        int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return length > MaxEntryBytes ? null : buffer[..length];
    }

    /// <summary>Compile-time JSON for the entry (no reflection: the same bytes, and nothing a trimmed or AOT tool would lose).</summary>
    [JsonSerializable(typeof(StoredEntry))]
    private sealed partial class StoredEntryJson : JsonSerializerContext;
}
