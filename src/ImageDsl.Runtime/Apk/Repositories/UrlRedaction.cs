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

    /// <summary>The URL without any user information (for cache keys and lock files).</summary>
    public static string StripUserInfo(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.UserInfo))
        {
            return url;
        }
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal) + 3;
        int at = url.IndexOf('@', schemeEnd);
        return at < 0 ? url : url[..schemeEnd] + url[(at + 1)..];
    }
}
