namespace ImageDsl.Config;

/// <summary>Hides passwords in URLs the way Go's `url.Redacted()` does: `https://user:xxxxx@host/path`.</summary>
public static class UrlRedaction
{
    /// <summary>Redacts the URL of a repository string (`URL` or `@tag URL`) or of a key location.</summary>
    public static string RedactRepository(string repository)
    {
        int space = repository.LastIndexOfAny([' ', '\t']);
        return space < 0 ? RedactUrl(repository) : repository[..(space + 1)] + RedactUrl(repository[(space + 1)..]);
    }

    /// <summary>Replaces the password of a URL's user information with `xxxxx`; other text is returned unchanged.</summary>
    public static string RedactUrl(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        string authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        int at = authority.LastIndexOf('@');
        int colon = at < 0 ? -1 : authority.IndexOf(':');
        if (colon < 0 || colon > at)
        {
            return url;
        }
        string redacted = authority[..(colon + 1)] + "xxxxx" + authority[at..];
        return url[..authorityStart] + redacted + (authorityEnd < 0 ? "" : url[authorityEnd..]);
    }
}
