using System.Globalization;
using ImageDsl.Model;

namespace ImageDsl.Oci;

/// <summary>
/// The annotations apko puts on manifests and indexes and copies into config `Labels`: the
/// configuration's, then command-line overrides, then `vcs-url` split at the first '@' into
/// source/revision (unless already set), then `org.opencontainers.image.created`.
/// </summary>
public static class ImageAnnotations
{
    /// <summary>`org.opencontainers.image.created`.</summary>
    public const string Created = "org.opencontainers.image.created";

    /// <summary>`org.opencontainers.image.source`.</summary>
    public const string Source = "org.opencontainers.image.source";

    /// <summary>`org.opencontainers.image.revision`.</summary>
    public const string Revision = "org.opencontainers.image.revision";

    /// <summary>`org.opencontainers.image.title`.</summary>
    public const string Title = "org.opencontainers.image.title";

    /// <summary>`org.opencontainers.image.vendor`.</summary>
    public const string Vendor = "org.opencontainers.image.vendor";

    /// <summary>`org.opencontainers.image.ref.name`: the tag in an OCI layout's index.json.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";

    /// <summary>The annotations, in ordinal key order.</summary>
    public static SortedDictionary<string, string> Compute(
        ImageConfiguration configuration,
        DateTimeOffset created,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.Annotations)
        {
            result[key] = value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            result[key] = value;
        }
        if (configuration.VcsUrl is { } vcs && vcs.IndexOf('@') is var at and > 0)
        {
            result.TryAdd(Source, vcs[..at]);
            result.TryAdd(Revision, vcs[(at + 1)..]);
        }
        result[Created] = FormatTime(created);
        return result;
    }

    /// <summary>RFC 3339 in UTC with whole seconds, as Go marshals apko's build date.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
