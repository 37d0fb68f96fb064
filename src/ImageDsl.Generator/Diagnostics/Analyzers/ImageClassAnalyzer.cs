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
        ReportIfNotPartial(image.Type, image.Type.Name, (location, name) => image.ReportAt(Descriptors.ClassNotPartial, location, name));
        for (INamedTypeSymbol? t = image.Type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                image.Report(Descriptors.InvalidValue, Origin.Whole(image.Own.ImageAttribute!),
                    $"the image class '{image.Type.Name}' cannot be generic (or nested in a generic type): the tool must be able to create it");
                break;
            }
        }
        if (image.Own.ImageName is { } imageName && string.IsNullOrWhiteSpace(imageName.Value))
        {
            image.Report(Descriptors.MissingField, imageName.Origin, $"[Image] on '{image.Type.Name}'", "name");
        }
    }

    private protected override void InitializeMore(AnalysisContext context)
    {
        // A type that contains an image class is analyzed as itself, so its diagnostic stays local to it.
        context.RegisterSymbolAction(ctx =>
        {
            var container = (INamedTypeSymbol)ctx.Symbol;
            if (FirstNestedImage(container) is { } nested)
            {
                ReportIfNotPartial(container, container.Name + "' (which contains the image class '" + nested.Name,
                    (location, name) => ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.ClassNotPartial, location, name)));
            }
        }, SymbolKind.NamedType);
        RegisterDuplicateNames(context);
    }

    private static void ReportIfNotPartial(INamedTypeSymbol type, string name, System.Action<Location, string> report)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax syntax && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                report(syntax.Identifier.GetLocation(), name);
            }
        }
    }

    private static INamedTypeSymbol? FirstNestedImage(INamedTypeSymbol container)
    {
        foreach (INamedTypeSymbol member in container.GetTypeMembers())
        {
            if (ClassDeclarationReader.HasImageAttribute(member) || FirstNestedImage(member) is not null)
            {
                return ClassDeclarationReader.HasImageAttribute(member) ? member : FirstNestedImage(member);
            }
        }
        return null;
    }

    private static void RegisterDuplicateNames(AnalysisContext context) =>
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
