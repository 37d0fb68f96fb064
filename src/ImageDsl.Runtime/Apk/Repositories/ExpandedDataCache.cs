using System.Security.Cryptography;

namespace ImageDsl.Apk.Repositories;

/// <summary>
/// Inflated package data, kept beside the downloaded packages (as apko keeps expanded APKs): a warm build reads a
/// package's data tar from here instead of inflating its gzip member again, which was the longest single step of
/// installing a large package (docs/benchmarks.md). An entry is keyed by the package's data hash (the SHA-256 of the
/// data member, from the signed control section) and named with an HMAC-SHA256, under this user's
/// <see cref="LocalCacheKey"/>, of that data hash and the SHA-256 of the tar it holds.
/// </summary>
/// <remarks>
/// The folder is hostile input like the rest of the cache, and nothing in an inflated tar can be checked against the
/// package's signature without inflating it again: so an entry is hashed in full and its MAC recomputed before any of
/// it is used. A damaged entry, or one written by anyone without the key (another user of a shared cache folder, a
/// cache restored in CI), is removed and the package inflated again (and the entry written anew). Entries are written
/// to a temporary file and published by rename, so builds sharing the cache never see half an entry; the entry is
/// then read through the same handle it was verified from.
/// </remarks>
internal sealed class ExpandedDataCache
{
    private const string Extension = ".tar";

    private readonly string _root;
    private readonly string _folder;
    private readonly byte[] _key;

    /// <summary>The cache under <paramref name="cacheRoot"/> (the repository cache's root), its entries MACed under <paramref name="key"/>.</summary>
    public ExpandedDataCache(string cacheRoot, byte[] key)
    {
        _root = Path.GetFullPath(cacheRoot);
        _folder = Path.Combine(_root, "expanded");
        _key = key;
    }

    /// <summary>The cache under <paramref name="cacheRoot"/> with this user's key, or null when there is no key.</summary>
    public static ExpandedDataCache? ForUser(string cacheRoot) =>
        LocalCacheKey.Value is { } key ? new ExpandedDataCache(cacheRoot, key) : null;

    /// <summary>The entry's name part after the data hash: the MAC of the data hash and the tar's SHA-256.</summary>
    private string Mac(byte[] dataSha256, byte[] tarSha256) =>
        LocalCacheKey.Mac(_key, "expanded", Convert.ToHexStringLower(dataSha256), Convert.ToHexStringLower(tarSha256));

    /// <summary>
    /// The verified data tar of the package whose data hash is <paramref name="dataSha256"/>, positioned at its start,
    /// or null (none, damaged, larger than <paramref name="maxSize"/>, or the cache cannot be read).
    /// </summary>
    public FileStream? TryOpen(byte[] dataSha256, long maxSize)
    {
        try
        {
            CachePathGuard.CheckNoLinks(_root, _folder);
            if (!Directory.Exists(_folder))
            {
                return null;
            }
            string prefix = Convert.ToHexStringLower(dataSha256) + "-";
            foreach (string path in Directory.EnumerateFiles(_folder, prefix + "*" + Extension))
            {
                string name = Path.GetFileName(path);
                string expected = name[prefix.Length..^Extension.Length];
                if (expected.Length != 64 || !RepositoryCache.IsRegularFile(path))
                {
                    RepositoryCache.Remove(path);
                    continue;
                }
                FileStream? verified = OpenIfIntact(path, tar => Mac(dataSha256, tar) == expected, maxSize);
                if (verified is not null)
                {
                    return verified;
                }
                RepositoryCache.Remove(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Errors.ImageDslException)
        {
            // An unreadable cache only costs the inflating it would have saved.
        }
        return null;
    }

    /// <summary>A writer for the data tar of <paramref name="dataSha256"/>, or null when the cache cannot be written.</summary>
    public Writer? BeginWrite(byte[] dataSha256)
    {
        try
        {
            CachePathGuard.EnsureDirectory(_root, _folder);
            RepositoryCache.PruneStaleTemporaries(_root, _folder);
            string temporary = RepositoryCache.TemporaryIn(_folder);
            return new Writer(temporary, tar => Path.Combine(_folder, Convert.ToHexStringLower(dataSha256) + "-" + Mac(dataSha256, tar) + Extension));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Errors.ImageDslException)
        {
            return null;
        }
    }

    private static FileStream? OpenIfIntact(string path, Func<byte[], bool> intact, long maxSize)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        try
        {
            if (stream.Length <= maxSize && intact(SHA256.HashData(stream)))
            {
                stream.Position = 0;
                return stream;
            }
        }
        catch (IOException)
        {
        }
        stream.Dispose();
        return null;
    }

    /// <summary>Takes the inflated bytes as they are read; <see cref="Commit"/> publishes them once the package verified.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly string _temporary;
        private readonly Func<byte[], string> _finalPath;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private FileStream? _file;

        internal Writer(string temporary, Func<byte[], string> finalPath)
        {
            _temporary = temporary;
            _finalPath = finalPath;
            _file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }

        /// <summary>Appends bytes read from the data member; a failing disk only drops the entry.</summary>
        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (_file is null)
            {
                return;
            }
            try
            {
                _file.Write(bytes);
                _hash.AppendData(bytes);
            }
            catch (IOException)
            {
                Abandon();
            }
        }

        /// <summary>Publishes the entry (call only after the package's data hash matched).</summary>
        public void Commit()
        {
            if (_file is null)
            {
                return;
            }
            try
            {
                _file.Dispose();
                _file = null;
                RepositoryCache.Publish(_temporary, _finalPath(_hash.GetHashAndReset()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Abandon();
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            Abandon();
            _hash.Dispose();
        }

        private void Abandon()
        {
            _file?.Dispose();
            _file = null;
            try
            {
                File.Delete(_temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover temporary is pruned by a later build.
            }
        }
    }
}
