namespace ImageDsl.Oci.Registry;

/// <summary>
/// The origin (scheme, host, port) rule for credentials: a registry's credentials and tokens go only
/// to the origin the registry was reached on. A Location header (an upload session) naming another
/// host, another port or plain http instead of https gets the request without Authorization, so a
/// hostile or compromised registry cannot forward the user's password to a host of its choosing or
/// have it sent in clear text.
/// </summary>
internal static class RequestOrigin
{
    /// <summary>True when both URLs have the same scheme, host and (effective) port.</summary>
    public static bool Same(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    /// <summary>`scheme://host:port`, for messages.</summary>
    public static string Describe(Uri url) => $"{url.Scheme}://{url.Authority}";
}
