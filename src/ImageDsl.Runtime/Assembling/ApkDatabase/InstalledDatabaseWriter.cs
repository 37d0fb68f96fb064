using System.Globalization;
using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Assembling.ApkDatabase;

/// <summary>
/// Writes `/usr/lib/apk/db/installed` records in apk's field order, so apk itself and image
/// scanners read the image as an apk-managed system.
/// </summary>
public static class InstalledDatabaseWriter
{
    /// <summary>Formats one package record, followed by the blank separator line.</summary>
    /// <exception cref="ImageDslException">A value holds a line break (it would forge lines or whole records); names the package.</exception>
    public static string Format(InstalledPackage p)
    {
        RefuseLineBreaks(p);
        var s = new StringBuilder();
        Line(s, 'P', p.Name);
        Line(s, 'V', p.Version);
        Line(s, 'A', p.Arch);
        Line(s, 'L', p.License);
        Line(s, 'T', p.Description);
        Line(s, 'o', p.Origin);
        Line(s, 'm', p.Maintainer);
        Line(s, 'U', p.Url);
        Line(s, 'D', string.Join(' ', p.Depends));
        Line(s, 'p', string.Join(' ', p.Provides));
        if (p.Replaces.Count > 0)
        {
            Line(s, 'r', string.Join(' ', p.Replaces));
        }
        Line(s, 'c', p.Commit);
        // apko writes Go's "i:[]" here (a formatting slip apk cannot parse); we write apk's form.
        if (p.InstallIf.Count > 0)
        {
            Line(s, 'i', string.Join(' ', p.InstallIf));
        }
        Line(s, 't', Number(p.BuildDate));
        Line(s, 'S', Number(p.Size));
        Line(s, 'I', Number(p.InstalledSize));
        Line(s, 'k', Number(p.ProviderPriority));
        Line(s, 'C', p.Checksum);
        WritePaths(s, p.Paths);
        s.Append('\n');
        return s.ToString();
    }

    /// <summary>Formats the whole database in install order.</summary>
    public static string Format(IEnumerable<InstalledPackage> packages) => string.Concat(packages.Select(Format));

    private static void WritePaths(StringBuilder s, IReadOnlyList<InstalledPath> paths)
    {
        string? currentDirectory = null;
        foreach (InstalledPath path in paths.OrderBy(p => p, ApkPathOrder.Instance))
        {
            if (path.IsDirectory)
            {
                currentDirectory = path.Path;
                Line(s, 'F', path.Path);
                if (path.Path.Length > 0 && (path.Mode != 0x1ED || path.Uid != 0 || path.Gid != 0))
                {
                    Line(s, 'M', Ownership(path));
                }
                continue;
            }
            string parent = ParentOf(path.Path);
            if (currentDirectory is null && parent.Length == 0)
            {
                currentDirectory = "";
                Line(s, 'F', "");
            }
            if (parent != currentDirectory)
            {
                continue; // apk cannot express a file whose directory the package does not list
            }
            Line(s, 'R', path.Path[(path.Path.LastIndexOf('/') + 1)..]);
            if (path.Mode != 0x1A4 || path.Uid != 0 || path.Gid != 0)
            {
                Line(s, 'a', Ownership(path));
            }
            if (path.Sha1 is not null)
            {
                Line(s, 'Z', "Q1" + Convert.ToBase64String(path.Sha1));
            }
        }
    }

    /// <summary>
    /// The last line of defence: the package reader already refuses control characters in names, and
    /// .PKGINFO values are single lines; a record value holding a line break is never written.
    /// </summary>
    private static void RefuseLineBreaks(InstalledPackage p)
    {
        IEnumerable<(string Field, string Value)> values =
        [
            ("P", p.Name), ("V", p.Version), ("A", p.Arch), ("L", p.License), ("T", p.Description), ("o", p.Origin),
            ("m", p.Maintainer), ("U", p.Url), ("c", p.Commit), ("C", p.Checksum),
            .. p.Depends.Select(v => ("D", v)), .. p.Provides.Select(v => ("p", v)), .. p.Replaces.Select(v => ("r", v)),
            .. p.InstallIf.Select(v => ("i", v)), .. p.Paths.Select(path => (path.IsDirectory ? "F" : "R", path.Path)),
        ];
        foreach (var (field, value) in values)
        {
            if (value.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                string shown = value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
                throw new ImageDslException(ErrorKind.Integrity,
                    $"package {p.Name.ReplaceLineEndings(" ")}-{p.Version.ReplaceLineEndings(" ")}: its {field}: value '{shown}' holds a line break, which would forge records in /usr/lib/apk/db/installed",
                    "The package is broken or hostile; do not install it.");
            }
        }
    }

    private static string ParentOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Ownership(InstalledPath p) =>
        $"{p.Uid.ToString(CultureInfo.InvariantCulture)}:{p.Gid.ToString(CultureInfo.InvariantCulture)}:{Convert.ToString(p.Mode & 0xFFF, 8).PadLeft(4, '0')}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder s, char key, string value) => s.Append(key).Append(':').Append(value).Append('\n');
}
