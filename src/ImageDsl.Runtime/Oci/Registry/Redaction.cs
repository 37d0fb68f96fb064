using System.Text.RegularExpressions;

namespace ImageDsl.Oci.Registry;

/// <summary>Keeps secrets out of logs and error messages.</summary>
internal static partial class Redaction
{
    /// <summary>The URL without user info, and with secret-looking query values replaced.</summary>
    public static string Url(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = "", Password = "" };
        if (builder.Query.Length > 1)
        {
            builder.Query = SecretQuery().Replace(builder.Query.TrimStart('?'), m => m.Groups[1].Value + "=REDACTED");
        }
        string text = builder.Uri.ToString();
        // UriBuilder adds the default port back; drop it again so URLs read as the user wrote them.
        return url.IsDefaultPort ? text.Replace($":{url.Port}/", "/", StringComparison.Ordinal) : text;
    }

    /// <summary>Removes <c>user:password@</c> from any URL inside <paramref name="text"/>.</summary>
    public static string Text(string text) => UserInfo().Replace(text, "$1");

    [GeneratedRegex(@"(?<=^|&)((?:[^=&]*(?:token|password|secret|signature|sig|credential)[^=&]*))=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@]+@")]
    private static partial Regex UserInfo();
}
