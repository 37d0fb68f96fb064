using System;
using System.Collections.Generic;
using System.Text;
using ImageDsl.Generator.Helpers;

namespace ImageDsl.Generator.Catalogs;

/// <summary>
/// Reads the package catalogue text format (docs/package-catalogues.md): a first line
/// <c># imagedsl-catalog 1</c>, optional <c># class: Name</c> and other <c>#</c> comment lines, then one
/// package per line, tab-separated: name, version, licence, description, provides (space-separated).
/// </summary>
internal static class CatalogFormat
{
    public const string Magic = "# imagedsl-catalog 1";
    public const string ClassHeader = "# class:";

    /// <summary>Bounded so a huge file cannot stall the IDE: more lines than this are refused.</summary>
    public const int MaxPackages = 100_000;

    public static CatalogSpec Parse(string path, string text)
    {
        string fileName = System.IO.Path.GetFileName(path);
        var errors = new List<CatalogError>();
        var entries = new List<CatalogEntry>();
        string? className = null;
        var members = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        int start = 0;
        bool sawMagic = false;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            string line = text.Substring(start, end - start).TrimEnd('\r');
            start = end + 1;
            lineNumber++;
            if (lineNumber == 1)
            {
                sawMagic = line.Trim() == Magic;
                if (!sawMagic)
                {
                    errors.Add(new CatalogError(1, $"the first line must be '{Magic}' (write the file with `dotnet image catalog`)"));
                    break;
                }
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] == '#')
            {
                if (line.StartsWith(ClassHeader, StringComparison.Ordinal))
                {
                    string declared = line.Substring(ClassHeader.Length).Trim();
                    if (Identifiers.IsValid(declared))
                    {
                        className = declared;
                    }
                    else
                    {
                        errors.Add(new CatalogError(lineNumber, $"'{declared}' is not a C# class name"));
                    }
                }
                continue;
            }
            if (entries.Count >= MaxPackages)
            {
                errors.Add(new CatalogError(lineNumber, $"more than {MaxPackages} packages; the rest are ignored"));
                break;
            }
            string[] fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                errors.Add(new CatalogError(lineNumber, "expected name<TAB>version<TAB>licence<TAB>description<TAB>provides"));
                continue;
            }
            string name = fields[0];
            if (!names.Add(name))
            {
                errors.Add(new CatalogError(lineNumber, $"the package '{name}' is listed twice"));
                continue;
            }
            entries.Add(new CatalogEntry(
                Identifiers.Unique(Identifiers.Pascal(name), members),
                name,
                fields[1],
                Field(fields, 2),
                Field(fields, 3),
                Field(fields, 4)));
        }
        if (!sawMagic)
        {
            // Not a catalogue: nothing is generated, and the analyzer reports why.
            return new CatalogSpec(path, fileName, "", EquatableArray<CatalogEntry>.Empty, errors.ToEquatableArray());
        }
        className ??= Identifiers.Pascal(System.IO.Path.GetFileNameWithoutExtension(fileName));
        // A member may not share its class's name (CS0542).
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Member == className)
            {
                entries[i] = entries[i] with { Member = Identifiers.Unique(className + "Package", members) };
            }
        }
        return new CatalogSpec(path, fileName, className, entries.ToEquatableArray(), errors.ToEquatableArray());
    }

    private static string Field(string[] fields, int index) => index < fields.Length ? fields[index] : "";
}
