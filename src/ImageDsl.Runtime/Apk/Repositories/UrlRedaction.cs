using System.Text.RegularExpressions;

namespace ImageDsl.Apk.Repositories;

/// <summary>
/// The one place URLs lose their credentials before they reach a message, a log or a file. Both the
/// user and the password go: with `token@host` or `token:x-oauth-basic@host` the user name is the secret.
/// The user info is everything between `scheme://` and the last '@' before the path, so a password
/// with an unescaped '@' is removed whole.
/// </summary>
public static partial class UrlRedaction
{
    /// <summary>What <see cref="Redact"/> puts where user information was.</summary>
    public const string Marker = "xxxxx";

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    /// <summary>
    /// For messages and show-config: the user information of every URL in <paramref name="text"/>
    /// becomes `xxxxx@`, so the reader sees that credentials were given, never which.
    /// </summary>
    public static string Redact(string text) =>
        text.Contains('@') ? UserInfo().Replace(text, m => $"{m.Groups["scheme"].Value}{Marker}@") : text;

    /// <summary>For what is written (lock files, cache keys, the image's files): the user information of every URL removed.</summary>
    public static string StripUserInfo(string url) =>
        url.Contains('@') ? UserInfo().Replace(url, m => m.Groups["scheme"].Value) : url;
}
