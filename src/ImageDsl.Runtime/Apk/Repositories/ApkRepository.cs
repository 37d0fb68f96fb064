namespace ImageDsl.Apk.Repositories;

/// <summary>
/// A repository line: `URL` or `@tag URL`. The URL is an http(s) URL or a local folder (relative
/// paths resolve against the working directory); its index for an arch is
/// <c>&lt;URL&gt;/&lt;apkarch&gt;/APKINDEX.tar.gz</c>.
/// </summary>
public sealed record ApkRepository
{
    private ApkRepository(string url, string? tag, string text)
    {
        Url = url;
        Tag = tag;
        Text = text;
    }

    /// <summary>The repository base URL or folder, without a trailing '/'.</summary>
    public string Url { get; }

    /// <summary>The pin tag without '@' (packages from it need `name@tag`), or null.</summary>
    public string? Tag { get; }

    /// <summary>The line as given (after trimming a trailing '/').</summary>
    public string Text { get; }

    /// <summary>True for http:// and https:// repositories.</summary>
    public bool IsRemote => IsHttpUrl(Url);

    /// <summary>
    /// Parses `URL` or `@tag URL` (whitespace-separated, as apko's resolver splits them). Several
    /// leading labels (`@a @b url`) keep the last one.
    /// </summary>
    public static ApkRepository Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string text = line.Trim().TrimEnd('/');
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            throw new Errors.ImageDslException(Errors.ErrorKind.Configuration, "a repository entry is empty",
                "Give a URL or folder, optionally tagged: `@edge https://dl-cdn.alpinelinux.org/alpine/edge/main`.");
        }
        string? tag = null;
        int i = 0;
        while (i < fields.Length - 1 && fields[i].StartsWith('@'))
        {
            tag = fields[i][1..];
            i++;
        }
        if (i != fields.Length - 1 || fields[i].StartsWith('@'))
        {
            throw new Errors.ImageDslException(Errors.ErrorKind.Configuration,
                $"repository entry '{UrlRedaction.Redact(line)}' is not `URL` or `@tag URL`",
                "Write one repository per entry; a tag starts with '@' and comes first.");
        }
        return new ApkRepository(fields[i].TrimEnd('/'), string.IsNullOrEmpty(tag) ? null : tag, text);
    }

    /// <summary>The repository for one arch: `&lt;URL&gt;/&lt;apkarch&gt;`.</summary>
    public string ArchUrl(string apkArch) => $"{Url}/{apkArch}";

    /// <summary>The index location for an arch.</summary>
    public string IndexUrl(string apkArch) => $"{Url}/{apkArch}/APKINDEX.tar.gz";

    /// <summary>The location of a package file (`name-version.apk`) in the arch folder.</summary>
    public string PackageUrl(string apkArch, string fileName) => $"{Url}/{apkArch}/{fileName}";

    /// <summary>True when <paramref name="location"/> starts with http:// or https://.</summary>
    public static bool IsHttpUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line with any password redacted.</summary>
    public override string ToString() => UrlRedaction.Redact(Text);
}
