using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// <c>[Arch]</c>: names must be known (IMG0003, with a "did you mean"), apk aliases such as
/// <c>x86_64</c> are steered to the canonical name (IMG0035), a cast enum value must be defined, and
/// an architecture is listed once (IMG0039, also when written once by its apk name and once by its
/// OCI name: replacing the alias would otherwise produce the duplicate).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArchitectureAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnknownArchitecture, Descriptors.ArchitectureAlias, Descriptors.DuplicateArchitecture);

    private protected override void Analyze(ImageAnalysis image)
    {
        if (image.Own.Archs is not { } archs)
        {
            return;
        }
        var seen = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (ArchDeclaration arch in archs)
        {
            string written = arch.Written.Value ?? "null";
            if (arch.Canonical is not null)
            {
                if (seen.TryGetValue(arch.Canonical, out string? first))
                {
                    // The fix removes this element; no alias fix is offered for it, since it goes.
                    image.Report(Descriptors.DuplicateArchitecture, arch.Written.Origin, FixProperties.With(FixProperties.RemoveElement, "true"),
                        arch.Canonical, first == written || !arch.IsName ? "" : $" as '{first}'");
                    continue;
                }
                seen[arch.Canonical] = arch.IsName ? written : arch.Canonical;
            }
            if (arch.Canonical is null)
            {
                if (!arch.IsName)
                {
                    image.Report(Descriptors.UnknownArchitecture, arch.Written.Origin, "(Arch)" + written, "; use a member of the Arch enum");
                    continue;
                }
                string? suggestion = arch.Written.Value is null ? null : ArchitectureNames.Suggest(arch.Written.Value);
                // A suggestion already listed would make a duplicate: say it, but offer no fix.
                bool suggestionListed = suggestion is not null && archs.Exists(a => a.Canonical == suggestion);
                image.Report(Descriptors.UnknownArchitecture, arch.Written.Origin,
                    FixProperties.With(FixProperties.Replacement, suggestionListed ? null : suggestion),
                    written, suggestion is null ? "" : $"; did you mean '{suggestion}'?");
            }
            else if (arch.IsName && ArchitectureNames.IsAlias(written))
            {
                // When the canonical name is listed too, replacing the alias would make a duplicate: no fix then.
                bool listed = archs.Exists(a => a.Written.Value == arch.Canonical);
                image.Report(Descriptors.ArchitectureAlias, arch.Written.Origin,
                    listed ? System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty : FixProperties.With(FixProperties.Replacement, arch.Canonical),
                    written, arch.Canonical);
            }
        }
    }
}
