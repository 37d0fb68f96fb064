using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// <c>[Arch]</c>: names must be known (IMG0003, with a "did you mean"), apk aliases such as
/// <c>x86_64</c> are steered to the canonical name (IMG0035), and a cast enum value must be defined.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArchitectureAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnknownArchitecture, Descriptors.ArchitectureAlias);

    private protected override void Analyze(ImageAnalysis image)
    {
        if (image.Own.Archs is not { } archs)
        {
            return;
        }
        foreach (ArchDeclaration arch in archs)
        {
            string written = arch.Written.Value ?? "null";
            if (arch.Canonical is null)
            {
                if (!arch.IsName)
                {
                    image.Report(Descriptors.UnknownArchitecture, arch.Written.Origin, "(Arch)" + written, "; use a member of the Arch enum");
                    continue;
                }
                string? suggestion = arch.Written.Value is null ? null : ArchitectureNames.Suggest(arch.Written.Value);
                image.Report(Descriptors.UnknownArchitecture, arch.Written.Origin, FixProperties.With(FixProperties.Replacement, suggestion),
                    written, suggestion is null ? "" : $"; did you mean '{suggestion}'?");
            }
            else if (arch.IsName && ArchitectureNames.IsAlias(written))
            {
                image.Report(Descriptors.ArchitectureAlias, arch.Written.Origin, FixProperties.With(FixProperties.Replacement, arch.Canonical),
                    written, arch.Canonical);
            }
        }
    }
}
