using System.Net.Http.Headers;
using System.Text;

namespace ImageDsl.Apk.Repositories;

/// <summary>
/// Basic-auth credentials for a request: from the URL's user info (`https://user:pass@host/...`), else
/// from `HTTP_AUTH=basic:&lt;host&gt;:&lt;user&gt;:&lt;password&gt;` when the host matches. Never printed.
/// </summary>
internal sealed class HttpCredentials
{
    private readonly string? _host;
    private readonly string? _user;
    private readonly string? _password;

    public HttpCredentials(string? httpAuth)
    {
        if (string.IsNullOrEmpty(httpAuth))
        {
            return;
        }
        string[] parts = httpAuth.Split(':', 4);
        if (parts.Length == 4 && parts[0].Equals("basic", StringComparison.OrdinalIgnoreCase))
        {
            (_host, _user, _password) = (parts[1], parts[2], parts[3]);
        }
    }

    /// <summary>True when HTTP_AUTH was given but is not `basic:host:user:pass`.</summary>
    public static bool IsMalformed(string? httpAuth) =>
        !string.IsNullOrEmpty(httpAuth) && new HttpCredentials(httpAuth)._host is null;

    /// <summary>The request URI without user info, and the Authorization header to send (or null).</summary>
    public (Uri Uri, AuthenticationHeaderValue? Header) Prepare(string url)
    {
        // User info is split off by hand, at the last '@' of the authority, so a password with an
        // unescaped '@' still works (Uri would refuse the URL, or take part of the password for the host).
        string? userInfo = null;
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            int authorityEnd = url.IndexOfAny(['/', '?', '#'], schemeEnd + 3);
            string authority = authorityEnd < 0 ? url[(schemeEnd + 3)..] : url[(schemeEnd + 3)..authorityEnd];
            int at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                userInfo = authority[..at];
                url = url[..(schemeEnd + 3)] + url[(schemeEnd + 3 + at + 1)..];
            }
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, $"'{url}' is not a valid URL",
                "Check the repository or key URL; characters such as '@' or ':' in a user name or password must be percent-encoded.");
        }
        AuthenticationHeaderValue? header = null;
        if (!string.IsNullOrEmpty(userInfo))
        {
            string[] parts = userInfo.Split(':', 2);
            header = Basic(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }
        else if (_host is not null && (string.Equals(uri.Host, _host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.Authority, _host, StringComparison.OrdinalIgnoreCase)))
        {
            header = Basic(_user!, _password!);
        }
        return (uri, header);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
