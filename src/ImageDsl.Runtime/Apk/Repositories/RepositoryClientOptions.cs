using ImageDsl.Apk.Index;

namespace ImageDsl.Apk.Repositories;

/// <summary>How a <see cref="RepositoryClient"/> reaches repositories and where it caches what it fetched.</summary>
public sealed record RepositoryClientOptions
{
    /// <summary>apko's default limit on one HTTP response (`--max-http-response-size`): 8 GiB.</summary>
    public const long DefaultMaxHttpResponseSize = 8L << 30;

    /// <summary>The cache folder (`--cache-dir`); default <see cref="RepositoryCache.DefaultRoot"/>.</summary>
    public string CacheDirectory { get; init; } = RepositoryCache.DefaultRoot();

    /// <summary>`--offline`: never use the network; indexes, keys and packages must be in the cache.</summary>
    public bool Offline { get; init; }

    /// <summary>`--ignore-signatures`: read indexes without verifying them (a warning is printed).</summary>
    public bool IgnoreSignatures { get; init; }

    /// <summary>The most bytes an index may decompress to (-1: unlimited).</summary>
    public long MaxIndexDecompressedSize { get; init; } = ApkIndex.DefaultMaxDecompressedSize;

    /// <summary>The most bytes one HTTP response may carry (-1: unlimited).</summary>
    public long MaxHttpResponseSize { get; init; } = DefaultMaxHttpResponseSize;

    /// <summary>Attempts per request when the server answers 5xx/429 or the connection fails.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts (also caps a server's Retry-After).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest one request (one attempt) may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest one file (index, key, package) may take, all attempts and waits included.</summary>
    public TimeSpan MaxTotalTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait for the next byte of a response; a silent server fails the attempt.</summary>
    public TimeSpan IdleTimeout { get; init; } = IdleTimeoutRead.DefaultIdleTimeout;

    /// <summary>`basic:&lt;host&gt;:&lt;user&gt;:&lt;password&gt;` credentials (default: the HTTP_AUTH environment variable).</summary>
    public string? HttpAuth { get; init; } = Environment.GetEnvironmentVariable("HTTP_AUTH");

    /// <summary>Receives warnings (skipped repositories, unverified indexes); default: none.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>A custom HTTP handler (tests, proxies); default: a SocketsHttpHandler.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
