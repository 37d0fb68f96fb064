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
        var uri = new Uri(url);
        AuthenticationHeaderValue? header = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            string[] userInfo = uri.UserInfo.Split(':', 2);
            string user = Uri.UnescapeDataString(userInfo[0]);
            string password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
            header = Basic(user, password);
            uri = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
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
