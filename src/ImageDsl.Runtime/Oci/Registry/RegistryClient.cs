using System.Net;
using System.Net.Http.Headers;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// The OCI distribution API of one registry: for pushing, blob existence, cross-repository mounts,
/// streamed blob uploads (monolithic, or chunked for large blobs and registries that want it) and
/// manifests; for pulling (base images), verified manifest and blob downloads. Authentication, plain-HTTP rules and retries come from <see cref="PushOptions"/>.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    internal static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly RegistryConnection connection;
    private readonly PushOptions options;

    /// <summary>A client for <paramref name="registry"/> (<c>host[:port]</c>, as in <see cref="ImageReference.Registry"/>).</summary>
    public RegistryClient(string registry, PushOptions? options = null)
        : this(registry, options ?? new PushOptions(), new PushStatistics())
    {
    }

    internal RegistryClient(string registry, PushOptions options, PushStatistics statistics)
    {
        if (!ImageReference.IsValidHost(registry))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"'{registry}' is not a registry host[:port]");
        }
        this.options = options;
        connection = new RegistryConnection(ImageReference.NormaliseRegistry(registry), options, statistics);
    }

    /// <summary>The registry host[:port].</summary>
    public string Registry => connection.Registry;

    /// <summary>What this client has done so far.</summary>
    public PushCounters Counters => connection.Statistics.Snapshot();

    internal PushStatistics Statistics => connection.Statistics;

    /// <summary>True when <paramref name="repository"/> has the blob (HEAD answers 200).</summary>
    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        return await RegistryProbe.BlobExistsAsync(connection, options, repository, digest, cancellationToken);
    }

    /// <summary>True when <paramref name="repository"/> has the manifest (by digest or tag).</summary>
    public async Task<bool> ManifestExistsAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        Uri url = await UrlAsync($"v2/{repository}/manifests/{reference}", cancellationToken);
        return await RegistryProbe.ExistsAsync(connection, options, url, PushScopes(repository), $"HEAD manifest {Short(reference)} in {repository}", ManifestMediaTypes, cancellationToken);
    }

    /// <summary>
    /// Mounts a blob from <paramref name="fromRepository"/> of the same registry. True when mounted;
    /// false when the registry declined (the blob is then to be uploaded).
    /// </summary>
    public async Task<bool> MountBlobAsync(string repository, string digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        var upload = new BlobUpload(connection, options, repository);
        BlobUpload.Session? session;
        try
        {
            session = await upload.StartAsync(digest, fromRepository, cancellationToken);
        }
        catch (TransientRegistryException failure)
        {
            throw new ImageDslException(ErrorKind.Network, failure.Message, RegistryConnection.NetworkHint, failure);
        }
        if (session is null)
        {
            connection.Statistics.BlobMounted();
        }
        return session is null;
    }

    /// <summary>
    /// Uploads the blob stored in <paramref name="path"/> (streamed from disk). With
    /// <paramref name="mountFrom"/>, a cross-repository mount is tried first. A broken upload is
    /// restarted in a new session, with backoff, within <see cref="PushOptions.Retry"/>.
    /// Returns true when the blob was mounted rather than uploaded.
    /// </summary>
    public Task<bool> UploadBlobAsync(string repository, string digest, long size, string path, string? mountFrom = null, CancellationToken cancellationToken = default) =>
        new BlobUpload(connection, options, repository).RunAsync(digest, size, path, mountFrom, cancellationToken);

    /// <summary>PUTs a manifest or index under a tag or its digest; returns its digest.</summary>
    public async Task<string> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        string digest = Digests.Of(content.Span);
        Uri url = await UrlAsync($"v2/{repository}/manifests/{reference}", cancellationToken);
        var spec = new RegistryRequest(
            () => new HttpRequestMessage(HttpMethod.Put, url)
            {
                Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
            },
            PushScopes(repository),
            $"PUT manifest {Short(reference)} to {repository}",
            options.RequestTimeout,
            Retry: true);
        using HttpResponseMessage response = await connection.SendAsync(spec, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await UnexpectedAsync(spec.Action, url, response, cancellationToken);
        }
        if (response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? returned) &&
            returned.FirstOrDefault() is { } answered && answered != digest)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"{Registry} stored manifest {Short(reference)} in {repository} as {answered}, but its content has digest {digest}",
                "The registry rewrote the manifest; push to a registry that stores manifests unchanged.");
        }
        return digest;
    }

    /// <summary>
    /// GETs a manifest or index by tag or digest (pull scope), at most 4 MiB; its digest is checked
    /// against the digest asked for, or against the registry's Docker-Content-Digest for a tag.
    /// </summary>
    public Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        RegistryDownload.ManifestAsync(connection, options, repository, reference, cancellationToken);

    /// <summary>
    /// GETs a blob into <paramref name="destination"/>, streamed, at most <paramref name="size"/> bytes, and
    /// fails (integrity) unless the bytes have <paramref name="digest"/>. A redirect (e.g. to a storage
    /// service) is followed without the registry's credentials.
    /// </summary>
    public Task DownloadBlobAsync(string repository, string digest, long size, string destination, CancellationToken cancellationToken = default) =>
        RegistryDownload.BlobAsync(connection, options, repository, digest, size, destination, cancellationToken);

    /// <summary>Closes the connections.</summary>
    public void Dispose() => connection.Dispose();

    internal static string[] PushScopes(string repository) => [$"repository:{repository}:pull,push"];

    internal static async Task<ImageDslException> UnexpectedAsync(string action, Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = RegistryErrorBody.Describe(await RegistryAuthenticator.ReadBodyAsync(response, cancellationToken));
        return new ImageDslException(ErrorKind.Network,
            $"{action}: the registry answered HTTP {(int)response.StatusCode}{(body.Length > 0 ? ": " + body : "")} ({Redaction.Url(url)})",
            RegistryConnection.NetworkHint);
    }

    private async Task<Uri> UrlAsync(string path, CancellationToken cancellationToken) =>
        new(await connection.BaseUriAsync(cancellationToken), path);

    private static string Short(string reference) => Digests.IsValid(reference) ? Digests.Short(reference) : reference;
}
