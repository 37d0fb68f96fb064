using System.Text;
using System.Text.RegularExpressions;
using ImageDsl.Errors;

namespace ImageDsl.Tool.Commands;

/// <summary>
/// `show-packages --format`: apko's named formats, or a Go-template-like text using `{{ .Name }}`,
/// `{{ .Version }}` and `{{ .Source }}` (the only fields apko offers).
/// </summary>
internal sealed partial class PackageListFormat
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["name-version"] = "{{ .Name }} {{ .Version }}",
        ["name-version-source"] = "{{ .Name }} {{ .Version }} {{ .Source }}",
        ["name=version"] = "{{ .Name }}={{ .Version }}",
        ["name=version-source"] = "{{ .Name }}={{ .Version }} {{ .Source }}",
        ["name-(version)"] = "{{ .Name }} ({{ .Version }})",
        ["name-(version)-source"] = "{{ .Name }} ({{ .Version }}) {{ .Source }}",
        ["packagelock"] = "- {{ .Name }}={{ .Version }}",
        ["packagelock-source"] = "- {{ .Name }}={{ .Version }} # {{ .Source }}",
    };

    private readonly List<(string Literal, string? Field)> _parts = new();

    [GeneratedRegex(@"\{\{-?\s*(?<body>.*?)\s*-?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Action();

    private PackageListFormat(string template)
    {
        int at = 0;
        foreach (Match m in Action().Matches(template))
        {
            string body = m.Groups["body"].Value;
            string field = body switch
            {
                ".Name" => "Name",
                ".Version" => "Version",
                ".Source" => "Source",
                _ => throw new ImageDslException(ErrorKind.Configuration,
                    $"--format: unsupported template action '{m.Value}'",
                    "Use {{ .Name }}, {{ .Version }} and {{ .Source }}, or one of: " + string.Join(", ", Named.Keys) + "."),
            };
            _parts.Add((template[at..m.Index], field));
            at = m.Index + m.Length;
        }
        if (template.IndexOf("{{", at, StringComparison.Ordinal) >= 0)
        {
            throw new ImageDslException(ErrorKind.Configuration, "--format: the template has an unclosed '{{'", "Close every action with '}}'.");
        }
        _parts.Add((template[at..], null));
    }

    /// <summary>Parses a named format or a template.</summary>
    public static PackageListFormat Parse(string format) => new(Named.TryGetValue(format, out string? t) ? t : format);

    /// <summary>The line for one package (without the newline).</summary>
    public string Render(string name, string version, string source)
    {
        var text = new StringBuilder();
        foreach (var (literal, field) in _parts)
        {
            text.Append(literal);
            text.Append(field switch { "Name" => name, "Version" => version, "Source" => source, _ => "" });
        }
        return text.ToString();
    }
}
