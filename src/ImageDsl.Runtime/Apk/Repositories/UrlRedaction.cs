using System.Text.RegularExpressions;

namespace ImageDsl.Apk.Repositories;

/// <summary>Hides passwords in URLs before they reach a message, a log or a file (`user:xxxxx@host`, as Go's url.Redacted).</summary>
public static partial class UrlRedaction
{
    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<user>[^/@:\s]*):(?<password>[^/@\s]*)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    /// <summary>Replaces the password of every `scheme://user:password@` in <paramref name="text"/> with `xxxxx`.</summary>
    public static string Redact(string text) =>
        text.Contains('@') ? UserInfo().Replace(text, m => $"{m.Groups["scheme"].Value}{m.Groups["user"].Value}:xxxxx@") : text;

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex AnyUserInfo();

    /// <summary>The text with the user information of every URL removed (for cache keys and lock files).</summary>
    public static string StripUserInfo(string url) =>
        url.Contains('@') ? AnyUserInfo().Replace(url, m => m.Groups["scheme"].Value) : url;
}
