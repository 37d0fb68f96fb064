using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Catalogs;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Package catalogues (<c>.catalog</c> AdditionalFiles): lines that cannot be read (IMG0034, at the
/// line), and images with services when no catalogue has the <c>s6</c> the service bundle needs (IMG0041).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CatalogAnalyzer : DiagnosticAnalyzer
{
    private const string Supervisor = "s6";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InvalidValue, Descriptors.ServicesWithoutSupervisor);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            List<AdditionalText> files = start.Options.AdditionalFiles.Where(CatalogFiles.IsCatalog).ToList();
            if (files.Count == 0)
            {
                return;
            }
            var specs = files.Select(f => CatalogFiles.ReadCached(f, start.CancellationToken)).ToList();
            start.RegisterAdditionalFileAction(ctx =>
            {
                if (!CatalogFiles.IsCatalog(ctx.AdditionalFile))
                {
                    return;
                }
                CatalogSpec spec = specs[files.IndexOf(ctx.AdditionalFile)];
                foreach (CatalogError error in spec.Errors)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidValue, AtLine(ctx.AdditionalFile, error.Line),
                        $"the catalogue {spec.FileName}, line {error.Line}: {error.Message}"));
                }
            });
            bool hasSupervisor = specs.Any(s => s.Entries.Any(e => e.Name == Supervisor || e.Provides.Split(' ').Any(p => p == Supervisor || p.StartsWith(Supervisor + "=", System.StringComparison.Ordinal))));
            if (hasSupervisor)
            {
                return;
            }
            string names = string.Join(", ", specs.Select(s => s.FileName));
            start.RegisterSymbolAction(ctx =>
            {
                if (ctx.Symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type && ClassDeclarationReader.HasImageAttribute(type))
                {
                    var image = new ImageAnalysis(ctx, type);
                    if (image.IsImage && image.Merged.Entrypoint is { Services.Count: > 0 } entrypoint)
                    {
                        image.ReportOnImage(Descriptors.ServicesWithoutSupervisor, entrypoint.Services[0].Key.Origin, ImmutableDictionary<string, string?>.Empty, names);
                    }
                }
            }, SymbolKind.NamedType);
        });
    }

    private static Location AtLine(AdditionalText file, int line)
    {
        SourceText? text = file.GetText();
        if (text is null || line - 1 >= text.Lines.Count)
        {
            return Location.Create(file.Path, default, default);
        }
        TextLine l = text.Lines[line - 1];
        return Location.Create(file.Path, l.Span, text.Lines.GetLinePositionSpan(l.Span));
    }
}
