using ImageDsl.Errors;

namespace ImageDsl.Apk.Packages;

/// <summary>Builds errors that name the package (as asked for, or as its .PKGINFO says) and where it came from.</summary>
internal sealed class PackageErrors(string source, ApkPackageReaderOptions options)
{
    private const string DefaultHint =
        "The package is corrupt or was tampered with. Delete it (and any cached copy) and fetch it again from a trusted repository.";

    /// <summary>The parsed .PKGINFO, once known.</summary>
    public PackageInfo? Info { get; set; }

    /// <summary>The source (path or URL).</summary>
    public string Source => source;

    /// <summary>`name-version` as asked for, else as the package says, else null.</summary>
    public string? Name =>
        options.ExpectedName is { } name ? (options.ExpectedVersion is { } v ? $"{name}-{v}" : name) : Info?.NameVersion;

    /// <summary>How messages name the package: its name when known, else its source.</summary>
    public string Label => Name ?? source;

    public ImageDslException Integrity(string problem, string? hint = null, Exception? inner = null) =>
        new(ErrorKind.Integrity, $"{Prefix}: {problem}", hint ?? DefaultHint, inner);

    /// <summary>
    /// Runs a step whose errors name only the source (gzip, tar, .PKGINFO and signature parsing) and
    /// rewrites them to name the package too.
    /// </summary>
    public T Run<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ImageDslException e) when (e.Kind == ErrorKind.Integrity && e.Message.StartsWith(source + ": ", StringComparison.Ordinal))
        {
            throw new ImageDslException(ErrorKind.Integrity, $"{Prefix}: {e.Message[(source.Length + 2)..]}", e.Hint ?? DefaultHint, e);
        }
    }

    private string Prefix => Name is { } name ? $"package {name} from {source}" : $"package {source}";
}
