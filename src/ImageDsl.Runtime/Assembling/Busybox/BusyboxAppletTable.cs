using System.Text.RegularExpressions;

namespace ImageDsl.Assembling.Busybox;

/// <summary>
/// The applet links for a busybox package that ships no `/etc/busybox-paths.d` list, by busybox version,
/// as apko falls back to its own table. The data is ImageDsl's file `busybox-applets.txt` (embedded):
/// version ranges, each with the paths to link to `/bin/busybox`.
/// </summary>
public static partial class BusyboxAppletTable
{
    private const string ResourceName = "ImageDsl.Assembling.Busybox.busybox-applets.txt";

    private static readonly Lazy<IReadOnlyList<AppletRange>> Ranges = new(Load);

    /// <summary>
    /// The links for the busybox package version <paramref name="packageVersion"/> (e.g. `1.35.0-r29`), or
    /// null when it is not `major.minor.patch[-suffix]` (apko refuses such a version too).
    /// </summary>
    public static IReadOnlyList<string>? LinksFor(string packageVersion)
    {
        Match match = PackageVersion().Match(packageVersion);
        if (!match.Success || !TryParse(match.Groups[1].Value, out Version? version))
        {
            return null;
        }
        IReadOnlyList<AppletRange> ranges = Ranges.Value;
        AppletRange? within = ranges.FirstOrDefault(r => version >= r.From && (r.To is null || version <= r.To));
        return (within ?? ranges.MaxBy(r => r.From)!).Links;
    }

    // apko's version rule: an optional 'v', major.minor.patch, an optional -suffix.
    [GeneratedRegex(@"^v?(\d+\.\d+\.\d+)(?:-\w+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageVersion();

    private static bool TryParse(string text, out Version? version) => Version.TryParse(text, out version);

    private static IReadOnlyList<AppletRange> Load()
    {
        using Stream stream = typeof(BusyboxAppletTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        var ranges = new List<AppletRange>();
        List<string>? links = null;
        while (reader.ReadLine() is { } raw)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is ["versions", var from, var to])
            {
                links = [];
                ranges.Add(new AppletRange(Version.Parse(from), to == "*" ? null : Version.Parse(to), links));
                continue;
            }
            (links ?? throw new InvalidDataException($"{ResourceName}: '{line}' comes before any versions line")).Add(line);
        }
        if (ranges.Count == 0)
        {
            throw new InvalidDataException($"{ResourceName} has no versions line");
        }
        return ranges;
    }

    private sealed record AppletRange(Version From, Version? To, IReadOnlyList<string> Links);
}
