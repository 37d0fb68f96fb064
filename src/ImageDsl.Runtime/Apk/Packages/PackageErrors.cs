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

    /// <summary>`name-version` as asked for, else as the package says, else the file name.</summary>
    public string Label =>
        options.ExpectedName is { } name ? (options.ExpectedVersion is { } v ? $"{name}-{v}" : name)
        : Info?.NameVersion ?? Path.GetFileName(source);

    public ImageDslException Integrity(string problem, string? hint = null, Exception? inner = null) =>
        new(ErrorKind.Integrity, $"package {Label} from {source}: {problem}", hint ?? DefaultHint, inner);
}
