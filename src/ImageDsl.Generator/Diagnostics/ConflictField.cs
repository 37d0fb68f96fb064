using System.Collections.Generic;
using System.Linq;
using ImageDsl.Generator.Declarations;

namespace ImageDsl.Generator.Diagnostics;

/// <summary>
/// A value apko's include merge takes whole from one side (a scalar or a whole section), so two
/// included fragments giving it differently is a silent choice: the later include wins.
/// </summary>
internal sealed class ConflictField
{
    private ConflictField(string name, System.Func<Declaration, (string Text, Origin Origin)?> read)
    {
        Name = name;
        Read = read;
    }

    /// <summary>The field as the message names it (its apko.yaml key).</summary>
    public string Name { get; }

    /// <summary>The value's comparable text and where it is written, or null when not set.</summary>
    public System.Func<Declaration, (string Text, Origin Origin)?> Read { get; }

    public static IReadOnlyList<ConflictField> All { get; } = new[]
    {
        new ConflictField("run-as", d => Text(d.RunAs)),
        new ConflictField("cmd", d => Text(d.Cmd)),
        new ConflictField("work-dir", d => Text(d.WorkDir)),
        new ConflictField("stop-signal", d => Text(d.StopSignal)),
        new ConflictField("format", d => Text(d.Format)),
        new ConflictField("include", d => Text(d.Include)),
        new ConflictField("archs", d => d.Archs is { Count: > 0 } archs
            ? ("[" + string.Join(", ", archs.Select(a => a.Canonical ?? a.Written.Value)) + "]", archs[0].Written.Origin)
            : null),
        new ConflictField("the entrypoint", d => d.Entrypoint is { } e && EntrypointOrigin(e) is { } at ? (Describe(e), at) : null),
        new ConflictField("layering", d => d.Layering is { } l ? ($"budget {l.Budget?.Value}", l.Entry) : null),
        new ConflictField("[LayerCompression]", d => d.LayerCompression is { } c ? (Quote(CompressionText(c)), c.Entry) : null),
        new ConflictField("contents.baseimage", d => d.BaseImage is { } b ? Quote(b.Image.Value ?? b.Reference?.Value) is var t ? (t, b.Image.Origin) : null : null),
        new ConflictField("certificates", d => d.Certificates is { } c && (c.Additional.Count > 0 || c.Providers.Count > 0)
            ? (string.Join(", ", c.Additional.Select(a => a.Name.Value).Concat(c.Providers.Select(p => p.Value))),
               c.Additional.Count > 0 ? c.Additional[0].Name.Origin : c.Providers[0].Origin)
            : null),
    };

    private static (string, Origin)? Text(Sourced<string?>? value) =>
        value is { } v && v.Value is not null ? (Quote(v.Value), v.Origin) : null;

    private static string Quote(string? value) => "'" + value + "'";

    private static string CompressionText(LayerCompressionDeclaration c) =>
        ImageDsl.Rules.CompressionLevels.Text(c.Algorithm.Value ?? "?", c.Level?.Value);

    private static string Describe(EntrypointDeclaration e)
    {
        if (e.Services.Count > 0)
        {
            return "services " + string.Join(", ", e.Services.Select(s => s.Key.Value));
        }
        return Quote(e.Command?.Value ?? e.ShellFragment?.Value ?? e.Type?.Value);
    }

    private static Origin? EntrypointOrigin(EntrypointDeclaration e) =>
        e.Command?.Origin ?? e.ShellFragment?.Origin ?? (e.Services.Count > 0 ? e.Services[0].Key.Origin : e.Type?.Origin);
}
