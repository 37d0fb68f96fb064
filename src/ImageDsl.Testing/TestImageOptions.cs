using ImageDsl.Model;

namespace ImageDsl.Testing;

/// <summary>How <see cref="TestImage"/> builds an image for a test.</summary>
public sealed record TestImageOptions
{
    /// <summary>
    /// The folder relative repository and key paths (<c>[Repository("samples/repo")]</c>) are resolved
    /// against, as `dotnet image -C` does. Default: the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The architecture to build. Default: the image's first, else amd64.</summary>
    public Architecture? Architecture { get; init; }

    /// <summary>The package cache folder. Default: a temporary folder removed with the image.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The image date; fixed by default so a test's image is reproducible.</summary>
    public DateTimeOffset BuildDate { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Build a class's compiled plan (the packages its lock file pinned, no resolving) when it has one, as
    /// `dotnet image build --project` does; default true. False resolves from the repositories instead.
    /// Only <see cref="TestImage.BuildAsync{TImage}"/> knows the class and so its plan.
    /// </summary>
    public bool UseCompiledPlan { get; init; } = true;

    /// <summary>The most bytes of file content kept in memory per image (default 256 MiB); larger images fail.</summary>
    public long MaxContentBytes { get; init; } = 256L << 20;
}
