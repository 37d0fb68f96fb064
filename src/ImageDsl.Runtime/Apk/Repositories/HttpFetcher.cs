using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Repositories;

/// <summary>
/// GETs files into the cache: conditional requests (If-None-Match / If-Modified-Since) so a 304 reuses
/// the cached copy, bounded retries with backoff on 5xx, 429 and broken connections, a response-size
/// limit, and credentials that never reach a message.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly RepositoryClientOptions _options;
    private readonly RepositoryCache _cache;
    private readonly HttpCredentials _credentials;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _pruned = new(StringComparer.Ordinal);

    public HttpFetcher(RepositoryClientOptions options, RepositoryCache cache)
    {
        _options = options;
        _cache = cache;
        _credentials = new HttpCredentials(options.HttpAuth);
        HttpMessageHandler handler = options.Handler ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(ProductVersion.UserAgent);
    }

    /// <summary>The HTTP client (handler, connection pool, User-Agent) the build's other requests share.</summary>
    internal HttpClient Client => _client;

    /// <summary>The number of HTTP requests sent (for tests and diagnostics).</summary>
    public int RequestCount;

    /// <summary>Returns the cached copy of <paramref name="url"/>, revalidated with the server (or as is when offline).</summary>
    public async Task<CachedResource> FetchCachedAsync(string url, CancellationToken cancellationToken, long maxBytes = -1, string? limitReason = null)
    {
        CachedResource? cached = _cache.Lookup(url);
        if (_options.Offline)
        {
            return cached is null ? throw new OfflineMissException(url) : cached with { FromCache = true };
        }
        string temp = _cache.NewTemporaryFile(url);
        try
        {
            var (status, headers) = await DownloadAsync(url, temp, cached, Limit(maxBytes), limitReason, cancellationToken);
            if (status == HttpStatusCode.NotModified && cached is not null)
            {
                return cached with { FromCache = true };
            }
            return _cache.Store(url, temp, headers.ETag?.ToString(), headers.Content?.LastModified?.ToString("R"));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="finalPath"/> (written to a temporary file, then renamed).</summary>
    public async Task DownloadToAsync(string url, string finalPath, CancellationToken cancellationToken, long maxBytes = -1, string? limitReason = null)
    {
        string directory = Path.GetDirectoryName(finalPath)!;
        string temp = _cache.NewTemporaryFileBeside(finalPath);
        try
        {
            await DownloadAsync(url, temp, null, Limit(maxBytes), limitReason, cancellationToken);
            RepositoryCache.Publish(temp, finalPath);
            if (_pruned.TryAdd(directory, true))
            {
                _cache.PruneStaleTemporaries(directory); // once per folder and build: leftovers of killed builds
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The smaller of the caller's bound and --max-http-response-size (-1 = none).</summary>
    private long Limit(long maxBytes) =>
        maxBytes < 0 ? _options.MaxHttpResponseSize
        : _options.MaxHttpResponseSize < 0 ? maxBytes : Math.Min(maxBytes, _options.MaxHttpResponseSize);

    private async Task<(HttpStatusCode Status, ResponseHeaders Headers)> DownloadAsync(string url, string temp, CachedResource? cached,
        long limit, string? limitReason, CancellationToken cancellationToken)
    {
        string shown = UrlRedaction.Redact(url);
        string lastProblem = "";
        // One deadline for the file, across every attempt: retries cannot multiply the request timeout.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.MaxTotalTime);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                timeout.CancelAfter(_options.RequestTimeout);
                using HttpRequestMessage request = CreateRequest(url, cached);
                Interlocked.Increment(ref RequestCount);
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var headers = new ResponseHeaders(response.Headers.ETag, response.Content.Headers);
                if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
                {
                    return (response.StatusCode, headers);
                }
                if (response.IsSuccessStatusCode)
                {
                    await CopyBodyAsync(response, temp, shown, limit, limitReason, timeout.Token);
                    return (response.StatusCode, headers);
                }
                int code = (int)response.StatusCode;
                if (code is 401 or 403)
                {
                    throw new ImageDslException(ErrorKind.Unauthorized, $"GET {shown}: the server answered {code} {response.ReasonPhrase}",
                        "Give credentials in the URL (https://user:password@host/...) or as HTTP_AUTH=basic:<host>:<user>:<password>.");
                }
                if (code != 429 && code < 500)
                {
                    throw new ImageDslException(ErrorKind.Network, $"GET {shown}: unexpected status code {code} {response.ReasonPhrase}",
                        code == 404 ? "Check the repository URL and the arch folder (<repository>/<arch>/...)." : null);
                }
                lastProblem = $"the server answered {code} {response.ReasonPhrase}";
                retryAfter = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (deadline.IsCancellationRequested)
                {
                    throw GaveUp(shown, attempt, $"not done within {_options.MaxTotalTime.TotalSeconds:0.#} s");
                }
                lastProblem = $"no answer within {_options.RequestTimeout}";
            }
            catch (TimeoutException e)
            {
                lastProblem = e.Message; // the server went silent mid-body
            }
            catch (HttpRequestException e)
            {
                lastProblem = UrlRedaction.Redact(e.Message);
            }
            catch (IOException e)
            {
                lastProblem = "the connection broke: " + UrlRedaction.Redact(e.Message);
            }
            if (attempt >= Math.Max(1, _options.MaxAttempts))
            {
                throw GaveUp(shown, attempt, lastProblem);
            }
            TimeSpan delay = _options.RetryDelay * Math.Pow(2, attempt - 1);
            if (retryAfter is { } asked && asked > delay)
            {
                delay = asked;
            }
            delay = delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
            if (watch.Elapsed + delay >= _options.MaxTotalTime)
            {
                throw GaveUp(shown, attempt, lastProblem);
            }
            await Task.Delay(delay, cancellationToken);
        }
    }

    private HttpRequestMessage CreateRequest(string url, CachedResource? cached)
    {
        var (uri, authorization) = _credentials.Prepare(url);
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = authorization;
        if (cached?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        else if (cached?.LastModified is { } modified && DateTimeOffset.TryParse(modified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }
        return request;
    }

    private static ImageDslException GaveUp(string shown, int attempt, string problem) =>
        new(ErrorKind.Network, $"GET {shown} failed after {attempt} attempt(s): {problem}",
            "Check the network and the repository URL; with a warm cache, --offline works without the network.");

    private async Task CopyBodyAsync(HttpResponseMessage response, string temp, string shown, long limit, string? limitReason, CancellationToken cancellationToken)
    {
        if (limit >= 0 && response.Content.Headers.ContentLength > limit)
        {
            throw TooLarge(shown, limit, limitReason);
        }
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        byte[] buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await IdleTimeoutRead.ReadAsync(body, buffer, _options.IdleTimeout, cancellationToken)) > 0)
        {
            total += n;
            if (limit >= 0 && total > limit)
            {
                throw TooLarge(shown, limit, limitReason);
            }
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
    }

    private static ImageDslException TooLarge(string shown, long limit, string? reason) =>
        reason is null
            ? new(ErrorKind.Network, $"GET {shown}: the response is larger than {limit} bytes",
                "Raise the limit with --max-http-response-size (-1 = unlimited) if the file is genuine.")
            : new(ErrorKind.Integrity, $"GET {shown}: the response is larger than {limit} bytes ({reason}); refused unread",
                "The server sends more than the signed index allows; the repository or a proxy in front of it is broken or hostile.");

    public void Dispose() => _client.Dispose();

    private sealed record ResponseHeaders(EntityTagHeaderValue? ETag, HttpContentHeaders? Content);
}

/// <summary>A file needed in offline mode is not in the cache.</summary>
internal sealed class OfflineMissException(string url) : Exception($"{UrlRedaction.Redact(url)} is not in the offline cache")
{
    public string Url { get; } = url;
}
