using System.Text.RegularExpressions;

namespace ImageDsl.Assembling.Busybox;

/// <summary>
/// The applet links for a busybox package that ships no `/etc/busybox-paths.d` list, by busybox version,
/// as apko falls back to its own table. The data is ImageDsl's file `busybox-applets.txt` (embedded; its
/// header says how each list was made): one list per busybox version from which the applets changed.
/// A version picks the list of the newest version not above it, so versions newer than the table get
/// its newest list and versions older than it its oldest.
/// </summary>
public static partial class BusyboxAppletTable
{
    private const string ResourceName = "ImageDsl.Assembling.Busybox.busybox-applets.txt";

    private static readonly Lazy<IReadOnlyList<BusyboxAppletList>> Lists = new(Load);

    /// <summary>
    /// The links for the busybox package version <paramref name="packageVersion"/> (e.g. `1.35.0-r29`), or
    /// null when it is not `major.minor.patch[-suffix]` (apko refuses such a version too).
    /// </summary>
    public static IReadOnlyList<string>? LinksFor(string packageVersion) =>
        ParseVersion(packageVersion) is { } version ? ListFor(Lists.Value, version) : null;

    /// <summary>The busybox versions at which the table's list changes, ascending (the first is 0.0.0).</summary>
    internal static IReadOnlyList<Version> ListVersions => [.. Lists.Value.Select(l => l.Since)];

    /// <summary>The major.minor.patch of a package version, or null when it has another shape.</summary>
    internal static Version? ParseVersion(string packageVersion)
    {
        Match match = PackageVersion().Match(packageVersion);
        return match.Success && Version.TryParse(match.Groups[1].Value, out Version? version) ? version : null;
    }

    internal static IReadOnlyList<string> ListFor(IReadOnlyList<BusyboxAppletList> lists, Version version) =>
        lists.Last(l => l.Since <= version).Links;

    // apko's version rule: an optional 'v', major.minor.patch, an optional -suffix.
    [GeneratedRegex(@"^v?([0-9]{1,9}\.[0-9]{1,9}\.[0-9]{1,9})(?:-[A-Za-z0-9_]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageVersion();

    private static IReadOnlyList<BusyboxAppletList> Load()
    {
        using Stream stream = typeof(BusyboxAppletTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return BusyboxAppletTableReader.Read(reader, ResourceName);
    }
}
