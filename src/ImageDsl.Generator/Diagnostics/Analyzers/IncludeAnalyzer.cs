using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// <c>[Include]</c>: one apko.yaml per class and fragments that are classes (IMG0034), no class that
/// includes itself through its fragments (IMG0021), and fragments that set the same single value
/// differently (IMG0038, reported at the later <c>[Include]</c> and pointing at both fragments).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IncludeAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.InvalidValue, Descriptors.IncludeCycle, Descriptors.IncludeConflict);

    private protected override void Analyze(ImageAnalysis image)
    {
        Declaration own = image.Own;
        foreach (Sourced<string?> extra in own.FileIncludes.Skip(1))
        {
            image.Report(Descriptors.InvalidValue, extra.Origin,
                "only one apko.yaml can be included per class (apko's include is a single file); share C# declarations with [Include(typeof(Fragment))]");
        }
        var fragments = new List<(INamedTypeSymbol Type, Origin Origin, Declaration Merged)>();
        foreach (Sourced<INamedTypeSymbol?> fragment in own.Fragments)
        {
            if (fragment.Value is not { TypeKind: TypeKind.Class } type || type.IsUnboundGenericType)
            {
                string name = fragment.Value?.ToDisplayString() ?? "this type";
                image.Report(Descriptors.InvalidValue, fragment.Origin, $"'{name}' cannot be included: a fragment is a class carrying ImageDsl attributes");
                continue;
            }
            if (ReachesBack(type, image.Type) is { } path)
            {
                image.Report(Descriptors.IncludeCycle, fragment.Origin, image.Type.Name + " -> " + path);
                continue;
            }
            List<Layer> layers = ImageChain.Layers(type, default);
            if (!layers.Any(l => ClassDeclarationReader.HasImageDslAttributes(l.Owner)))
            {
                image.Report(Descriptors.InvalidValue, fragment.Origin, $"'{type.Name}' has no ImageDsl attributes, so including it adds nothing");
                continue;
            }
            fragments.Add((type, fragment.Origin, ImageChain.ReadMerged(type, default)));
        }
        ReportConflicts(image, fragments);
    }

    /// <summary>The include/base path from <paramref name="from"/> back to <paramref name="target"/>, or null.</summary>
    private static string? ReachesBack(INamedTypeSymbol from, INamedTypeSymbol target)
    {
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        return Search(from, from.Name);

        string? Search(INamedTypeSymbol type, string path)
        {
            if (SymbolEqualityComparer.Default.Equals(type, target))
            {
                return path;
            }
            if (!seen.Add(type))
            {
                return null;
            }
            foreach (INamedTypeSymbol t in ImageChain.BaseFirst(type))
            {
                if (!SymbolEqualityComparer.Default.Equals(t, type) && Search(t, path) is { } viaBase)
                {
                    return viaBase;
                }
                foreach (Sourced<INamedTypeSymbol?> next in ClassDeclarationReader.Read(t, default).Fragments)
                {
                    if (next.Value is { } n && Search(n, path + " -> " + n.Name) is { } found)
                    {
                        return found;
                    }
                }
            }
            return null;
        }
    }

    private static void ReportConflicts(ImageAnalysis image, List<(INamedTypeSymbol Type, Origin Origin, Declaration Merged)> fragments)
    {
        if (fragments.Count < 2)
        {
            return;
        }
        // The class's own value (or its base's) decides, so a conflict matters only when the class is silent.
        Declaration own = image.Own;
        foreach (ConflictField field in ConflictField.All)
        {
            if (field.Read(own) is not null)
            {
                continue;
            }
            ReportConflict(image, fragments, field.Name, field.Read);
        }
        foreach (string key in fragments.SelectMany(f => f.Merged.Environment).Select(e => e.Key.Value).OfType<string>().Distinct())
        {
            if (!own.Environment.Any(e => e.Key.Value == key))
            {
                ReportConflict(image, fragments, $"the environment variable '{key}'", d => Pair(d.Environment, key));
            }
        }
        foreach (string key in fragments.SelectMany(f => f.Merged.Annotations).Select(e => e.Key.Value).OfType<string>().Distinct())
        {
            if (!own.Annotations.Any(e => e.Key.Value == key))
            {
                ReportConflict(image, fragments, $"the annotation '{key}'", d => Pair(d.Annotations, key));
            }
        }
    }

    private static void ReportConflict(
        ImageAnalysis image, List<(INamedTypeSymbol Type, Origin Origin, Declaration Merged)> fragments, string what,
        System.Func<Declaration, (string Text, Origin Origin)?> read)
    {
        (INamedTypeSymbol Type, string Text, Origin Origin)? earlier = null;
        foreach (var fragment in fragments)
        {
            if (read(fragment.Merged) is not { } value)
            {
                continue;
            }
            if (earlier is { } e && e.Text != value.Text)
            {
                image.ReportWithRelated(Descriptors.IncludeConflict, fragment.Origin, new[] { e.Origin, value.Origin },
                    e.Type.Name, fragment.Type.Name, what, e.Text, value.Text);
            }
            earlier = (fragment.Type, value.Text, value.Origin);
        }
    }

    private static (string Text, Origin Origin)? Pair(List<KeyValueDeclaration> pairs, string key) =>
        pairs.LastOrDefault(p => p.Key.Value == key) is { } pair ? ("'" + pair.Value.Value + "'", pair.Key.Origin) : null;
}
