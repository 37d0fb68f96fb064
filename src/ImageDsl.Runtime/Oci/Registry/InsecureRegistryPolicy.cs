using System.Net;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// Decides which schemes a registry may be reached with. TLS with a verified certificate always comes
/// first; plain HTTP (and unverified TLS) only for loopback hosts or hosts the user named insecure.
/// </summary>
internal sealed class InsecureRegistryPolicy
{
    private readonly string[] named;

    public InsecureRegistryPolicy(IEnumerable<string> insecureRegistries)
    {
        named = insecureRegistries.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).ToArray();
    }

    /// <summary>True for localhost, 127.0.0.0/8 and ::1 (with any port).</summary>
    public static bool IsLoopback(string hostAndPort)
    {
        string host = HostOf(hostAndPort);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The host without the port (IPv6 brackets kept).</summary>
    public static string HostOf(string hostAndPort)
    {
        if (hostAndPort.StartsWith('['))
        {
            int close = hostAndPort.IndexOf(']');
            return close < 0 ? hostAndPort : hostAndPort[..(close + 1)];
        }
        int colon = hostAndPort.LastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort[..colon];
    }

    /// <summary>True when plain HTTP and unverified certificates are allowed for this host[:port].</summary>
    public bool AllowsInsecure(string hostAndPort)
    {
        if (IsLoopback(hostAndPort))
        {
            return true;
        }
        string lower = hostAndPort.ToLowerInvariant();
        string host = HostOf(lower);
        return named.Any(entry => entry == lower || entry == host);
    }

    /// <summary>Whether a TLS certificate that does not verify is accepted for this host name (no port).</summary>
    public bool AllowsInsecureCertificate(string? host) =>
        host is not null && (IsLoopback(host) || named.Any(entry => HostOf(entry) == host.ToLowerInvariant()));

    /// <summary>The base URLs to try, in order: https first, then http where allowed.</summary>
    public IReadOnlyList<Uri> Candidates(string registry) =>
        AllowsInsecure(registry)
            ? [new Uri($"https://{registry}/"), new Uri($"http://{registry}/")]
            : [new Uri($"https://{registry}/")];

    /// <summary>Whether credentials may be sent to this URL (a token realm): https, or an allowed insecure host.</summary>
    public bool MaySendCredentials(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || AllowsInsecure(url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}") || IsLoopback(url.Host);
}
