using System.Net;

namespace ImageDsl.Oci.Registry;

/// <summary>Which failures are worth another attempt, and how long the server asked us to wait.</summary>
internal static class RegistryTransient
{
    /// <summary>408, 429 and 5xx other than 501/505 (which will not change on retry).</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests ||
        ((int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));

    /// <summary>A broken connection, an IO error or a timeout (but not the caller's cancellation).</summary>
    public static bool IsTransportFailure(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException or IOException or TimeoutException ||
        (error is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The Retry-After delay (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }
        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
