using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Downloads (GET) of manifests and blobs for pulling. Every body is bounded (manifests to
/// <see cref="MaxManifestBytes"/>, blobs to the size their descriptor gives), every read to the idle
/// time limit, and every byte is checked: a manifest against the digest asked for (or the registry's
/// Docker-Content-Digest when asked by tag), a blob against its digest before it gets its final name.
/// </summary>
internal static class RegistryDownload
{
    /// <summary>The largest manifest or index accepted: 4 MiB, as the distribution spec suggests registries enforce.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public static string[] PullScopes(string repository) => [$"repository:{repository}:pull"];

    public static async Task<RegistryManifest> ManifestAsync(RegistryConnection connection, PushOptions options, string repository, string reference, CancellationToken cancellationToken)
    {
        var url = new Uri(await connection.BaseUriAsync(cancellationToken), $"v2/{repository}/manifests/{reference}");
        string action = $"GET manifest {Short(reference)} from {connection.Registry}/{repository}";
        var spec = new RegistryRequest(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                foreach (string type in RegistryClient.ManifestMediaTypes)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }
                return request;
            },
            PullScopes(repository), action, options.RequestTimeout, Retry: true, StreamBody: true);
        using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"{connection.Registry}/{repository} has no manifest {reference} ({action} answered HTTP 404)",
                "Check the repository, tag or digest of the base image reference (e.g. with `skopeo inspect docker://REF`).");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryClient.UnexpectedAsync(action, url, response, cancellationToken);
        }
        byte[] content;
        try
        {
            content = await IdleTimeoutRead.ReadBodyAsync(response.Content, MaxManifestBytes, options.IdleTimeout, cancellationToken);
        }
        catch (ResponseTooLargeException)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{action}: the manifest is larger than {MaxManifestBytes / (1024 * 1024)} MiB; refused unread",
                "Manifests are small; check that the reference names an image.");
        }
        catch (TimeoutException error)
        {
            throw new ImageDslException(ErrorKind.Network, $"{action}: {error.Message}", RegistryConnection.NetworkHint, error);
        }
        string digest = Digests.Of(content);
        if (Digests.IsValid(reference) && reference != digest)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{action}: the registry sent content with digest {digest}, not the {reference} asked for",
                "The registry or something between it and us altered the manifest; do not use it.");
        }
        if (response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? said) && said.FirstOrDefault() is { } claimed
            && Digests.IsValid(claimed) && claimed != digest)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{action}: the registry says the manifest is {claimed}, but its content has digest {digest}",
                "The manifest was altered in transit or the registry is broken; do not use it.");
        }
        string mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return new RegistryManifest(digest, mediaType, content);
    }

    /// <summary>
    /// Streams a blob into <paramref name="destination"/> (a temporary file the caller renames once this
    /// returns); on any failure the file is removed, so nothing unverified is left behind.
    /// </summary>
    public static async Task BlobAsync(RegistryConnection connection, PushOptions options, string repository, string digest, long size, string destination, CancellationToken cancellationToken)
    {
        try
        {
            await DownloadAsync(connection, options, repository, digest, size, destination, cancellationToken);
        }
        catch
        {
            File.Delete(destination);
            throw;
        }
    }

    private static async Task DownloadAsync(RegistryConnection connection, PushOptions options, string repository, string digest, long size, string destination, CancellationToken cancellationToken)
    {
        var url = new Uri(await connection.BaseUriAsync(cancellationToken), $"v2/{repository}/blobs/{digest}");
        string action = $"GET blob {Digests.Short(digest)} from {connection.Registry}/{repository}";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            var spec = new RegistryRequest(() => new HttpRequestMessage(HttpMethod.Get, url), PullScopes(repository), action,
                options.UploadTimeout, Retry: true, StreamBody: true);
            using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryClient.UnexpectedAsync(action, url, response, cancellationToken);
            }
            if (response.Content.Headers.ContentLength is { } length && length != size)
            {
                throw new ImageDslException(ErrorKind.Integrity, $"{action}: the registry sends {length} bytes, but the manifest says the blob has {size}",
                    "The registry's blob is not the one the manifest names; do not use it.");
            }
            try
            {
                await CopyVerifiedAsync(response.Content, destination, digest, size, options.IdleTimeout, action, cancellationToken);
                return;
            }
            catch (Exception error) when (RegistryTransient.IsTransportFailure(error, cancellationToken))
            {
                // A body cut off or stalled half way: start again, within the retry policy.
                TimeSpan? delay = options.Retry.DelayBeforeRetry(attempt, watch.Elapsed, null);
                if (delay is null)
                {
                    throw new ImageDslException(ErrorKind.Network, $"{action} failed after {attempt} attempt(s): {error.Message}", RegistryConnection.NetworkHint, error);
                }
                options.Log?.Invoke($"retrying {action} in {delay.Value.TotalSeconds:0.##} s: {error.Message}");
                await Task.Delay(delay.Value, cancellationToken);
            }
        }
    }

    private static async Task CopyVerifiedAsync(HttpContent content, string destination, string digest, long size, TimeSpan idle, string action, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        await using (Stream body = await content.ReadAsStreamAsync(cancellationToken))
        await using (var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = await IdleTimeoutRead.ReadAsync(body, buffer, idle, cancellationToken)) > 0)
            {
                total += n;
                if (total > size)
                {
                    throw new ImageDslException(ErrorKind.Integrity, $"{action}: the registry sent more than the {size} bytes the manifest gives",
                        "The registry's blob is not the one the manifest names; do not use it.");
                }
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            }
        }
        if (total < size)
        {
            throw new IOException($"the body ended after {total} of {size} bytes");
        }
        string actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != digest)
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{action}: the {total} bytes received have digest {actual}, not {digest} ({size} bytes)",
                "The blob was altered in transit or the registry is broken; nothing was kept. Try again, or ask the registry's owner.");
        }
    }

    private static string Short(string reference) => Digests.IsValid(reference) ? Digests.Short(reference) : reference;
}
