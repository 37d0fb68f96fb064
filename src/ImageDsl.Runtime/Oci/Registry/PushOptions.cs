namespace ImageDsl.Oci.Registry;

/// <summary>How <see cref="LayoutPusher"/> and <see cref="RegistryClient"/> talk to registries.</summary>
public sealed class PushOptions
{
    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) that may be reached over plain HTTP or with an unverified
    /// certificate (<c>--insecure-registry</c>). Loopback registries (127.0.0.0/8, ::1, localhost) always may.
    /// </summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    /// <summary>The docker config directory; null means <c>DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public string? DockerConfigDirectory { get; init; }

    /// <summary>Credentials to use for every registry instead of the docker config.</summary>
    public RegistryCredential? Credentials { get; init; }

    /// <summary>Where to look for <c>docker-credential-&lt;name&gt;</c> programs (PATH syntax); null means PATH.</summary>
    public string? CredentialHelperSearchPath { get; init; }

    /// <summary>Retries of failed requests and uploads.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Blobs at least this large are uploaded in chunks (PATCH) rather than in one PUT.</summary>
    public long ChunkedUploadThreshold { get; init; } = 64L * 1024 * 1024;

    /// <summary>The size of one PATCH chunk (raised to the registry's OCI-Chunk-Min-Length).</summary>
    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Time limit of one metadata request (ping, HEAD, manifest, token).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time limit of one blob upload request; large layers on slow links need long.</summary>
    public TimeSpan UploadTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest wait for the next byte of an answer body (tokens, errors); each read, not the whole body.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit to open a connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Blobs uploaded at the same time to one repository.</summary>
    public int MaxParallelUploads { get; init; } = 3;

    /// <summary>
    /// Which entry of the layout's index.json to push when it lists several: an
    /// <c>org.opencontainers.image.ref.name</c> value or a digest. Null: the only entry, or the only index.
    /// </summary>
    public string? LayoutEntry { get; init; }

    /// <summary>Receives one line per step (never credentials); null for silence.</summary>
    public Action<string>? Log { get; init; }
}
