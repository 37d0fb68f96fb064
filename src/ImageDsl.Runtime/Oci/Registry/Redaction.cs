namespace ImageDsl.Oci.Registry;

/// <summary>Keeps secrets out of logs and error messages.</summary>
internal static class Redaction
{
    private static readonly HashSet<string> ShownParameters = ["digest", "mount", "from", "service", "scope", "n", "last"];

    /// <summary>
    /// The URL without user info, and with query values other than the well-known harmless ones
    /// (digest, mount, from, service, scope) elided: upload state and signed-URL parameters are noise
    /// at best and secrets at worst.
    /// </summary>
    public static string Url(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = "", Password = "" };
        if (builder.Query.Length > 1)
        {
            builder.Query = string.Join('&', builder.Query.TrimStart('?').Split('&').Select(pair =>
            {
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair[..equals];
                return equals < 0 || ShownParameters.Contains(name) ? pair : name + "=…";
            }));
        }
        string text = builder.Uri.ToString();
        // UriBuilder adds the default port back; drop it again so URLs read as the user wrote them.
        return url.IsDefaultPort ? text.Replace($":{url.Port}/", "/", StringComparison.Ordinal) : text;
    }

    /// <summary>Removes <c>user:password@</c> from any URL inside <paramref name="text"/>.</summary>
    public static string Text(string text) => Apk.Repositories.UrlRedaction.StripUserInfo(text);
}
