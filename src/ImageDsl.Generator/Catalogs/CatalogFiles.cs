using System.Threading;
using ImageDsl.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Catalogs;

/// <summary>The <c>.catalog</c> AdditionalFiles of a project.</summary>
internal static class CatalogFiles
{
    public const string Extension = ".catalog";

    /// <summary>A catalogue larger than this is not read (the 5,004-package Alpine main catalogue is ~0.5 MB).</summary>
    public const int MaxChars = 32 * 1024 * 1024;

    public static bool IsCatalog(AdditionalText file) =>
        file.Path.EndsWith(Extension, System.StringComparison.OrdinalIgnoreCase);

    public static CatalogSpec Read(AdditionalText file, CancellationToken cancellationToken)
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
