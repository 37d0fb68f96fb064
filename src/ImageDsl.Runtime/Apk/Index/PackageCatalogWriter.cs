using System.Text;
using ImageDsl.Apk.Versions;

namespace ImageDsl.Apk.Index;

/// <summary>One package as a catalogue lists it.</summary>
public sealed record CatalogPackage(string Name, string Version, string License, string Description, IReadOnlyList<string> Provides);

/// <summary>
/// Writes the package catalogue text format the ImageDsl generator turns into enum members
/// (docs/package-catalogues.md): <c># imagedsl-catalog 1</c>, an optional <c># class: Name</c>, then
/// one line per package name, sorted: name, version, licence, description, provides, tab-separated.
/// When a name appears more than once (several repositories or arches), the highest version is kept.
/// </summary>
public static class PackageCatalogWriter
{
    /// <summary>The first line of every catalogue.</summary>
    public const string Magic = "# imagedsl-catalog 1";

    /// <summary>Writes <paramref name="packages"/>; <paramref name="source"/> is a comment saying where they came from.</summary>
    public static string Write(IEnumerable<CatalogPackage> packages, string? className, string? source)
    {
        var best = new Dictionary<string, CatalogPackage>(StringComparer.Ordinal);
        foreach (CatalogPackage package in packages)
        {
            if (package.Name.Length == 0 || package.Version.Length == 0)
            {
                continue;
            }
            if (!best.TryGetValue(package.Name, out CatalogPackage? kept) || IsNewer(package.Version, kept.Version))
            {
                best[package.Name] = package;
            }
        }
        var text = new StringBuilder(best.Count * 96);
        text.Append(Magic).Append('\n');
        if (!string.IsNullOrEmpty(className))
        {
            text.Append("# class: ").Append(className).Append('\n');
        }
        if (!string.IsNullOrEmpty(source))
        {
            text.Append("# source: ").Append(Clean(source)).Append('\n');
        }
        text.Append("# name\tversion\tlicence\tdescription\tprovides\n");
        foreach (CatalogPackage p in best.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(Clean(p.Name)).Append('\t').Append(Clean(p.Version)).Append('\t').Append(Clean(p.License)).Append('\t')
                .Append(Clean(p.Description)).Append('\t').Append(Clean(string.Join(' ', p.Provides))).Append('\n');
        }
        return text.ToString();
    }

    private static bool IsNewer(string candidate, string kept) =>
        ApkVersion.TryParse(candidate, out ApkVersion? a) && ApkVersion.TryParse(kept, out ApkVersion? b)
            ? a > b
            : string.CompareOrdinal(candidate, kept) > 0;

    /// <summary>Tabs and line breaks separate fields and lines, so they become spaces inside a field.</summary>
    private static string Clean(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString().Trim();
    }
}
