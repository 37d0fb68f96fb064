using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using ImageDsl.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Generator.Catalogs;

/// <summary>The <c>.catalog</c> AdditionalFiles of a project.</summary>
internal static class CatalogFiles
{
    public const string Extension = ".catalog";

    /// <summary>A catalogue larger than this is not read (the 5,004-package Alpine main catalogue is ~0.5 MB).</summary>
    public const int MaxChars = 32 * 1024 * 1024;

    public static bool IsCatalog(AdditionalText file) =>
        file.Path.EndsWith(Extension, System.StringComparison.OrdinalIgnoreCase);

    private static CatalogSpec Read(AdditionalText file, CancellationToken cancellationToken)
    {
        string? text = file.GetText(cancellationToken)?.ToString();
        string name = System.IO.Path.GetFileName(file.Path);
        if (text is null)
        {
            return new CatalogSpec(file.Path, name, "", EquatableArray<CatalogEntry>.Empty, new[] { new CatalogError(1, "the file cannot be read") }.ToEquatableArray());
        }
        if (text.Length > MaxChars)
        {
            return new CatalogSpec(file.Path, name, "", EquatableArray<CatalogEntry>.Empty,
                new[] { new CatalogError(1, $"the file is larger than {MaxChars / (1024 * 1024)} MB") }.ToEquatableArray());
        }
        return CatalogFormat.Parse(file.Path, text);
    }

    /// <summary>
    /// Parsed catalogues by their text: the IDE starts a new compilation on every edit, and an unchanged
    /// file keeps its SourceText, so a catalogue is parsed again only when it changes; the analyzers share it.
    /// </summary>
    private static readonly ConditionalWeakTable<SourceText, CatalogSpec> Parsed = new();

    /// <summary>The catalogues of one compilation, for the analyzers (who see members, not package names).</summary>
    private static readonly ConditionalWeakTable<AnalyzerOptions, CatalogIndex> Indexes = new();

    public static CatalogSpec ReadCached(AdditionalText file, CancellationToken cancellationToken)
    {
        SourceText? text = file.GetText(cancellationToken);
        if (text is null)
        {
            return Read(file, cancellationToken);
        }
        lock (Parsed)
        {
            if (Parsed.TryGetValue(text, out CatalogSpec? cached) && cached.Path == file.Path)
            {
                return cached;
            }
        }
        CatalogSpec spec = Read(file, cancellationToken);
        lock (Parsed)
        {
            Parsed.Remove(text);
            Parsed.Add(text, spec);
        }
        return spec;
    }

    public static CatalogIndex IndexFor(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        lock (Indexes)
        {
            if (Indexes.TryGetValue(options, out CatalogIndex? cached))
            {
                return cached;
            }
        }
        var specs = ImmutableArray.CreateBuilder<CatalogSpec>();
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (IsCatalog(file))
            {
                specs.Add(ReadCached(file, cancellationToken));
            }
        }
        var index = new CatalogIndex(specs.ToImmutable());
        lock (Indexes)
        {
            Indexes.Remove(options);
            Indexes.Add(options, index);
        }
        return index;
    }

    /// <summary>
    /// Unique per file: two files with one name in different folders differ by a hash of the path.
    /// (Two catalogues declaring one class name are a compiler error, CS0102, that the user sees.)
    /// </summary>
    public static string HintName(CatalogSpec spec) =>
        "ImageDsl.Catalog." + spec.ClassName + "." + Sanitize(spec.FileName) + "." + Fnv(spec.Path).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";

    private static uint Fnv(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return hash;
    }

    private static string Sanitize(string fileName)
    {
        var sb = new System.Text.StringBuilder(fileName.Length);
        foreach (char c in fileName)
        {
            sb.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        return sb.ToString();
    }
}
