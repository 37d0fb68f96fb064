using ImageDsl.Diagnostics;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Config;

/// <summary>
/// Turns the YAML tree of one file into an <see cref="ImageConfiguration"/>, strictly like apko's
/// `KnownFields(true)` decoder: unknown keys and values of the wrong shape are errors. Every value's
/// location is recorded in a <see cref="SourceMap"/> under its member path. All problems are collected.
/// </summary>
internal sealed partial class ConfigurationBinder
{
    private static readonly string[] TopLevelKeys =
    [
        "contents", "entrypoint", "cmd", "stop-signal", "work-dir", "accounts", "archs", "environment", "paths",
        "vcs-url", "annotations", "include", "volumes", "layering", "format", "certificates",
    ];

    // Keys older apko versions accepted; saying why beats "did you mean".
    private static readonly Dictionary<string, string> RemovedKeys = new(StringComparer.Ordinal)
    {
        ["os-release"] = "apko no longer supports 'os-release'; /etc/os-release comes from the packages",
        ["options"] = "apko no longer supports 'options'",
    };

    private readonly DiagnosticCollector _diagnostics;
    private readonly SourceMap _map;

    private ConfigurationBinder(SourceMap map, DiagnosticCollector diagnostics)
    {
        _map = map;
        _diagnostics = diagnostics;
    }

    /// <summary>Binds a document root; reports problems to <paramref name="diagnostics"/>.</summary>
    public static ImageConfiguration Bind(YamlTreeNode root, SourceMap map, DiagnosticCollector diagnostics)
    {
        var binder = new ConfigurationBinder(map, diagnostics);
        if (root is not YamlTreeMapping)
        {
            diagnostics.Add(DiagnosticCatalog.InvalidDocument, root.Location,
                $"an image configuration must be a YAML mapping of apko's fields (contents, archs, ...), not {(root is YamlTreeScalar { IsNull: false } text ? $"a text of {text.Text.Length} characters (not shown, in case the file is not a configuration)" : root.Describe())}");
            return new ImageConfiguration();
        }
        return binder.BindRoot(root);
    }

    private ImageConfiguration BindRoot(YamlTreeNode root)
    {
        var f = Fields(root, "", "", TopLevelKeys, "the configuration")!;
        return new ImageConfiguration
        {
            Contents = BindContents(f.Get("contents"), "contents", "Contents"),
            Entrypoint = BindEntrypoint(f.Get("entrypoint"), "entrypoint", "Entrypoint"),
            Cmd = Text(f.Get("cmd"), "cmd", "Cmd"),
            StopSignal = Text(f.Get("stop-signal"), "stop-signal", "StopSignal"),
            WorkDir = Text(f.Get("work-dir"), "work-dir", "WorkDir"),
            Accounts = BindAccounts(f.Get("accounts"), "accounts", "Accounts"),
            Archs = BindArchs(f.Get("archs"), "archs", "Archs"),
            Environment = TextMap(f.Get("environment"), "environment", "Environment"),
            Paths = List(f.Get("paths"), "paths", "Paths", BindPath),
            VcsUrl = Text(f.Get("vcs-url"), "vcs-url", "VcsUrl"),
            Annotations = TextMap(f.Get("annotations"), "annotations", "Annotations"),
            Include = Text(f.Get("include"), "include", "Include"),
            Volumes = TextList(f.Get("volumes"), "volumes", "Volumes"),
            Layering = BindLayering(f.Get("layering"), "layering", "Layering"),
            Format = Text(f.Get("format"), "format", "Format"),
            Certificates = BindCertificates(f.Get("certificates"), "certificates", "Certificates"),
        };
    }

    private ValueList<Architecture> BindArchs(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        var archs = new List<Architecture>();
        foreach (var (item, _, itemMember) in Items(node, yamlPath, memberPath))
        {
            string? name = Text(item, yamlPath, itemMember);
            if (name is null)
            {
                continue;
            }
            if (Architecture.TryParse(name, out Architecture arch))
            {
                archs.Add(arch);
                continue;
            }
            string? suggestion = ArchitectureNames.Suggest(name);
            _diagnostics.Report(DiagnosticCatalog.UnknownArchitecture, item.Location, name,
                suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        }
        return archs.ToValueList();
    }

    private ImageLayering? BindLayering(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, ["strategy", "budget"], yamlPath);
        if (f is null)
        {
            return null;
        }
        string? strategy = Text(f.Get("strategy"), yamlPath + ".strategy", memberPath + ".Strategy");
        long? budget = Integer(f.Get("budget"), yamlPath + ".budget", memberPath + ".Budget", int.MinValue, int.MaxValue);
        return new ImageLayering(strategy ?? "", (int)(budget ?? 0));
    }

    private ImageCertificates? BindCertificates(YamlTreeNode? node, string yamlPath, string memberPath)
    {
        var f = Fields(node, yamlPath, memberPath, ["additional", "providers"], yamlPath);
        if (f is null)
        {
            return null;
        }
        var certificates = new ImageCertificates
        {
            Additional = List(f.Get("additional"), yamlPath + ".additional", memberPath + ".Additional", (item, y, m) =>
            {
                var entry = Fields(item, y, m, ["name", "content"], y);
                return entry is null
                    ? null
                    : new AdditionalCertificate(
                        Text(entry.Get("name"), y + ".name", m + ".Name") ?? "",
                        Text(entry.Get("content"), y + ".content", m + ".Content") ?? "");
            }),
            Providers = TextList(f.Get("providers"), yamlPath + ".providers", memberPath + ".Providers"),
        };
        return certificates.Additional.IsEmpty && certificates.Providers.IsEmpty ? null : certificates;
    }
}
