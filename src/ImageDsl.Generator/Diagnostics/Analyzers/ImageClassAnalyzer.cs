using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// The <c>[Image]</c> class itself: it (and any class containing it) must be partial and not generic,
/// its name must be given, and no two images in a project may share a name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ImageClassAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ClassNotPartial, Descriptors.InvalidValue, Descriptors.MissingField, Descriptors.DuplicateImageName);

    private protected override void Analyze(ImageAnalysis image)
    {
        if (!image.IsImage)
        {
            return;
        }
        for (INamedTypeSymbol? t = image.Type; t is not null; t = t.ContainingType)
        {
            string name = t.Equals(image.Type, SymbolEqualityComparer.Default)
                ? t.Name
                : t.Name + "' (which contains the image class '" + image.Type.Name;
            foreach (SyntaxReference reference in t.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax syntax && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    image.ReportAt(Descriptors.ClassNotPartial, syntax.Identifier.GetLocation(), name);
                }
            }
            if (t.IsGenericType)
            {
                image.Report(Descriptors.InvalidValue, Origin.Whole(image.Own.ImageAttribute!),
                    $"the image class '{image.Type.Name}' cannot be generic (or nested in a generic type): the tool must be able to create it");
            }
        }
        if (image.Own.ImageName is { } imageName && string.IsNullOrWhiteSpace(imageName.Value))
        {
            image.Report(Descriptors.MissingField, imageName.Origin, $"[Image] on '{image.Type.Name}'", "name");
        }
    }

    private protected override void InitializeMore(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            var byName = new ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol Type, AttributeData Attribute)>>(System.StringComparer.Ordinal);
            start.RegisterSymbolAction(ctx =>
            {
                if (ctx.Symbol is not INamedTypeSymbol type)
                {
                    return;
                }
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    if (ClassDeclarationReader.IsImageDslAttribute(attribute)
                        && attribute.AttributeClass!.Name == AttributeNames.ImageType
                        && AttributeValues.Text(AttributeValues.Constructor(attribute, 0)) is { Length: > 0 } name)
                    {
                        byName.GetOrAdd(name, _ => new ConcurrentBag<(INamedTypeSymbol, AttributeData)>()).Add((type, attribute));
                    }
                }
            }, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var pair in byName.Where(p => p.Value.Count > 1))
                {
                    var declared = pair.Value.OrderBy(d => d.Type.ToDisplayString(), System.StringComparer.Ordinal).ToList();
                    foreach (var (type, attribute) in declared)
                    {
                        string others = string.Join(", ", declared.Where(d => !d.Type.Equals(type, SymbolEqualityComparer.Default)).Select(d => d.Type.ToDisplayString()));
                        if (ArgumentLocator.Locate(Origin.Argument(attribute, 0), end.CancellationToken) is { } location)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateImageName, location, pair.Key, others));
                        }
                    }
                }
            });
        });
}
