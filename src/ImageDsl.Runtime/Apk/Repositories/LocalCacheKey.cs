using System.Security.Cryptography;

namespace ImageDsl.Apk.Repositories;

/// <summary>
/// A secret of this user's, kept outside the cache folder (`$XDG_CONFIG_HOME/imagedsl/cache.key`, else
/// `~/.config/imagedsl/cache.key`, 0600): cache entries that cannot be checked against a signature (inflated package
/// data) carry a MAC under it, so an entry someone else wrote (a cache folder shared between users, or restored in
/// CI from another job) is never trusted, only rebuilt.
/// </summary>
internal static class LocalCacheKey
{
    private const int KeyBytes = 32;

    private static readonly Lazy<byte[]?> Key = new(LoadOrCreate);

    /// <summary>The key, or null when there is no writable place for it (then such entries are not cached).</summary>
    public static byte[]? Value => Key.Value;

    /// <summary>
    /// HMAC-SHA256 under <paramref name="key"/> of what a cache entry asserts (its kind and fields, one per line), in
    /// lowercase hex: the one form every keyed cache (expanded packages, layers) names or records its entries with.
    /// </summary>
    public static string Mac(byte[] key, params string[] fields) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', fields))));

    /// <summary>Where the key lives.</summary>
    public static string PathOf()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        string baseDir = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(baseDir, "imagedsl", "cache.key");
    }

    private static byte[]? LoadOrCreate()
    {
        string path = PathOf();
        try
        {
            if (Read(path) is { } existing)
            {
                return existing;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = path + $".tmp-{Guid.NewGuid():N}";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temporary, options))
            {
                file.Write(RandomNumberGenerator.GetBytes(KeyBytes));
            }
            try
            {
                File.Move(temporary, path, overwrite: false); // a concurrent build that made one first wins
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
            return Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The key in <paramref name="path"/>, or null when there is none; a file that is no key (a link, another size) is no key.</summary>
    private static byte[]? Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null)
        {
            return null;
        }
        // Read with its bound, whatever the file became since it was looked at.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        byte[] key = new byte[KeyBytes + 1];
        return file.ReadAtLeast(key, key.Length, throwOnEndOfStream: false) == KeyBytes ? key[..KeyBytes] : null;
    }
}
