using System.Diagnostics;
using System.Net;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Uploads one blob to one repository: <c>POST …/blobs/uploads/</c> (with <c>?mount=&amp;from=</c> when a
/// mount source is known), then one monolithic <c>PUT &lt;location&gt;?digest=</c>, or <c>PATCH</c> chunks
/// with <c>Content-Range</c> and a closing <c>PUT</c> when the blob is large or the registry refuses the
/// monolithic form. A broken session is abandoned and the upload starts over in a new one.
/// </summary>
internal sealed class BlobUpload
{
    private static readonly HttpStatusCode[] MonolithicRefusals =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.MethodNotAllowed, HttpStatusCode.LengthRequired,
        HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
        HttpStatusCode.RequestedRangeNotSatisfiable, HttpStatusCode.NotImplemented,
    ];

    private readonly RegistryConnection connection;
    private readonly PushOptions options;
    private readonly string repository;

    public BlobUpload(RegistryConnection connection, PushOptions options, string repository)
    {
        this.connection = connection;
        this.options = options;
        this.repository = repository;
    }

    /// <summary>An open upload session: where to send data and the smallest chunk the registry takes.</summary>
    public sealed record Session(Uri Location, long MinimumChunk);

    /// <summary>Uploads (or mounts) the blob, restarting broken sessions. True when it was mounted.</summary>
    public async Task<bool> RunAsync(string digest, long size, string path, string? mountFrom, CancellationToken cancellationToken)
    {
        Stopwatch watch = Stopwatch.StartNew();
        bool chunked = size >= options.ChunkedUploadThreshold;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Session? session = await StartAsync(digest, mountFrom, cancellationToken);
                if (session is null)
                {
                    connection.Statistics.BlobMounted();
                    return true;
                }
                if (!chunked && !await TryMonolithicAsync(session, digest, size, path, cancellationToken))
                {
                    connection.Log?.Invoke($"{connection.Registry} refused a monolithic upload of {Digests.Short(digest)}; uploading it in chunks");
                    chunked = true;
                    session = await StartAsync(digest, null, cancellationToken) ?? throw new InvalidOperationException("a plain upload cannot mount");
                }
                if (chunked)
                {
                    await ChunkedAsync(session, digest, size, path, cancellationToken);
                }
                connection.Statistics.BlobUploaded(size);
                return false;
            }
            catch (TransientRegistryException failure)
            {
                TimeSpan? delay = options.Retry.DelayBeforeRetry(attempt, watch.Elapsed, failure.ServerDelay);
                if (delay is null)
                {
                    throw new ImageDslException(ErrorKind.Network,
                        $"upload failed after {attempt} attempt(s): {failure.Message}", RegistryConnection.NetworkHint, failure);
                }
                connection.Statistics.Retry();
                connection.Log?.Invoke($"restarting the upload of {Digests.Short(digest)} to {repository} in {delay.Value.TotalSeconds:0.##} s: {failure.Message}");
                await Task.Delay(delay.Value, cancellationToken);
                // The broken session may still have completed; do not send the bytes twice.
                if (await RegistryProbe.BlobExistsAsync(connection, options, repository, digest, cancellationToken))
                {
                    connection.Statistics.BlobUploaded(size);
                    return false;
                }
                mountFrom = null;
            }
        }
    }

    /// <summary>Opens a session, or mounts the blob (returns null) when <paramref name="mountFrom"/> allows.</summary>
    public async Task<Session?> StartAsync(string digest, string? mountFrom, CancellationToken cancellationToken)
    {
        Uri baseUri = await connection.BaseUriAsync(cancellationToken);
        string query = mountFrom is null ? "" : $"?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(mountFrom)}";
        var url = new Uri(baseUri, $"v2/{repository}/blobs/uploads/{query}");
        string[] scopes = mountFrom is null
            ? RegistryClient.PushScopes(repository)
            : [.. RegistryClient.PushScopes(repository), $"repository:{mountFrom}:pull"];
        string action = mountFrom is null
            ? $"POST upload of {Digests.Short(digest)} to {repository}"
            : $"POST mount of {Digests.Short(digest)} from {mountFrom} to {repository}";
        var spec = new RegistryRequest(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent([]) },
            scopes, action, options.RequestTimeout, Retry: false);
        using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null)
        {
            return null;
        }
        if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is null)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new TransientRegistryException($"{action}: HTTP 404 {RegistryErrorBody.Describe(await RegistryAuthenticator.ReadBodyAsync(response, cancellationToken))}", null);
            }
            throw await RegistryClient.UnexpectedAsync(action, url, response, cancellationToken);
        }
        long minimum = response.Headers.TryGetValues("OCI-Chunk-Min-Length", out IEnumerable<string>? values) &&
            long.TryParse(values.FirstOrDefault(), out long parsed) && parsed > 0 ? parsed : 0;
        return new Session(RegistryConnection.Resolve(url, response.Headers.Location.OriginalString), minimum);
    }

    /// <summary>PUT the whole blob. False when the registry refuses this form (try chunks instead).</summary>
    private async Task<bool> TryMonolithicAsync(Session session, string digest, long size, string path, CancellationToken cancellationToken)
    {
        Uri url = WithDigest(session.Location, digest);
        var spec = new RegistryRequest(
            () => new HttpRequestMessage(HttpMethod.Put, url) { Content = new FileRangeContent(path, 0, size) },
            RegistryClient.PushScopes(repository),
            $"PUT blob {Digests.Short(digest)} ({size} bytes) to {repository}",
            options.UploadTimeout,
            Retry: false);
        using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }
        await ThrowIfContentRejectedAsync(response, digest, spec.Action, url, cancellationToken);
        if (MonolithicRefusals.Contains(response.StatusCode))
        {
            return false;
        }
        throw await RegistryClient.UnexpectedAsync(spec.Action, url, response, cancellationToken);
    }

    private async Task ChunkedAsync(Session session, string digest, long size, string path, CancellationToken cancellationToken)
    {
        long chunkSize = Math.Max(Math.Max(options.ChunkSize, session.MinimumChunk), 1);
        Uri location = session.Location;
        long offset = 0;
        while (offset < size)
        {
            long length = Math.Min(chunkSize, size - offset);
            long start = offset;
            Uri target = location;
            var spec = new RegistryRequest(
                () =>
                {
                    var content = new FileRangeContent(path, start, length);
                    // Written by hand: registries want "start-end", not .NET's "bytes start-end/total".
                    content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
                    return new HttpRequestMessage(HttpMethod.Patch, target) { Content = content };
                },
                RegistryClient.PushScopes(repository),
                $"PATCH chunk {start}-{start + length - 1} of {Digests.Short(digest)} to {repository}",
                options.UploadTimeout,
                Retry: false);
            using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    throw new TransientRegistryException($"{spec.Action}: HTTP {(int)response.StatusCode}; the upload session was lost", null);
                }
                throw await RegistryClient.UnexpectedAsync(spec.Action, target, response, cancellationToken);
            }
            if (response.Headers.Location is { } next)
            {
                location = RegistryConnection.Resolve(target, next.OriginalString);
            }
            offset = start + length;
        }

        Uri url = WithDigest(location, digest);
        var close = new RegistryRequest(
            () => new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([]) },
            RegistryClient.PushScopes(repository),
            $"PUT (close) blob {Digests.Short(digest)} to {repository}",
            options.RequestTimeout,
            Retry: false);
        using HttpResponseMessage closed = await connection.SendAsync(close, cancellationToken);
        if (!closed.IsSuccessStatusCode)
        {
            await ThrowIfContentRejectedAsync(closed, digest, close.Action, url, cancellationToken);
            throw await RegistryClient.UnexpectedAsync(close.Action, url, closed, cancellationToken);
        }
    }

    private static async Task ThrowIfContentRejectedAsync(HttpResponseMessage response, string digest, string action, Uri url, CancellationToken cancellationToken)
    {
        string body = await RegistryAuthenticator.ReadBodyAsync(response, cancellationToken);
        if (RegistryErrorBody.Codes(body).Any(code => code is "DIGEST_INVALID" or "SIZE_INVALID"))
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"{action}: the registry says the content does not match digest {digest} ({RegistryErrorBody.Describe(body)}; {Redaction.Url(url)})",
                "The layout's blob file is corrupt; build the image again.");
        }
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new TransientRegistryException($"{action}: HTTP 404 {RegistryErrorBody.Describe(body)}; the upload session was lost", null);
        }
    }

    /// <summary>Appends <c>digest=</c> to the session URL, which may already carry a query.</summary>
    internal static Uri WithDigest(Uri location, string digest)
    {
        string text = location.AbsoluteUri;
        string separator = text.EndsWith('?') || text.EndsWith('&') ? "" : location.Query.Length > 1 ? "&" : "?";
        return new Uri(text + separator + "digest=" + Uri.EscapeDataString(digest));
    }
}
