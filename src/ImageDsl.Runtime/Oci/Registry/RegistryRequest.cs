namespace ImageDsl.Oci.Registry;

/// <summary>
/// One logical registry request. <see cref="Create"/> builds a fresh message (and body) for every
/// attempt, so retries and re-authentication re-read content from disk.
/// </summary>
/// <param name="Create">Builds the request message.</param>
/// <param name="Scopes">Token scopes the request needs (e.g. <c>repository:a/b:pull,push</c>).</param>
/// <param name="Action">What the request does, for messages (e.g. "HEAD blob sha256:…").</param>
/// <param name="Timeout">Time limit of one attempt.</param>
/// <param name="Retry">Repeat transient failures here (true) or throw <see cref="TransientRegistryException"/>.</param>
/// <param name="StreamBody">
/// Hand a successful answer's body to the caller unread (blob and manifest downloads, which bound it
/// themselves); otherwise every body is read here, bounded to <see cref="RegistryConnection.MaxBodyBytes"/>.
/// </param>
internal sealed record RegistryRequest(
    Func<HttpRequestMessage> Create,
    IReadOnlyList<string> Scopes,
    string Action,
    TimeSpan Timeout,
    bool Retry,
    bool StreamBody = false);
