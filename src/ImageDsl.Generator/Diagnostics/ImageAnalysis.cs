using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Catalogs;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics;

/// <summary>
/// One class carrying ImageDsl attributes, as the analyzers see it: its own declarations and, merged
/// over its bases, the declarations in force.
/// </summary>
/// <remarks>
/// Reporting rules, so a problem is reported once and where it can be fixed: a value is checked on
/// the class that writes it (<see cref="Own"/>); a duplicate is blamed on the later declaration and
/// reported only when that declaration is this class's own; a reference (run-as user, pin tag, group
/// member) is checked only on <c>[Image]</c> classes, on the merged view, because a base class may be
/// completed by the classes deriving from it.
/// </remarks>
internal sealed class ImageAnalysis
{
    private readonly SymbolAnalysisContext _context;
    private readonly HashSet<AttributeData> _ownAttributes;
    private Declaration? _own;
    private Declaration? _merged;
    private Dictionary<AttributeData, Origin>? _viaInclude;

    public ImageAnalysis(SymbolAnalysisContext context, INamedTypeSymbol type)
    {
        _context = context;
        Type = type;
        _ownAttributes = new HashSet<AttributeData>(type.GetAttributes());
    }

    public INamedTypeSymbol Type { get; }

    public Declaration Own => _own ??= WithPackageNames(ClassDeclarationReader.Read(Type, _context.CancellationToken), unresolved: true);

    public Declaration Merged => _merged ??= WithPackageNames(ImageChain.ReadMerged(Type, _context.CancellationToken), unresolved: false);

    /// <summary>
    /// Catalogue members (<c>[Package(Packages.Nginx)]</c>) replaced by the package they name, as the
    /// generator does when it emits the image. A value that names no package stays a reference in
    /// <see cref="Own"/> (where IMG0004 reports it) and has no value in <see cref="Merged"/> (checks skip it).
    /// </summary>
    private Declaration WithPackageNames(Declaration declaration, bool unresolved)
    {
        List<Sourced<string?>> packages = declaration.Packages;
        CatalogIndex? index = null;
        for (int i = 0; i < packages.Count; i++)
        {
            if (packages[i].Value is { } text && text.IndexOf(CatalogReferences.Marker) >= 0)
            {
                index ??= CatalogFiles.IndexFor(_context.Options, _context.CancellationToken);
                string? name = index.Substitute(text);
                if (name is not null || !unresolved)
                {
                    packages[i] = new Sourced<string?>(name, packages[i].Origin);
                }
            }
        }
        return declaration;
    }

    /// <summary>True for an <c>[Image]</c> class (not a base-class fragment).</summary>
    public bool IsImage => Own.ImageAttribute is not null;

    public bool IsOwn(Origin origin) => origin.Attribute is not null && _ownAttributes.Contains(origin.Attribute);

    /// <summary>Reports at <paramref name="origin"/> if it is in source.</summary>
    public void Report(DiagnosticDescriptor descriptor, Origin origin, params object?[] args) =>
        Report(descriptor, origin, ImmutableDictionary<string, string?>.Empty, args);

    public void Report(DiagnosticDescriptor descriptor, Origin origin, ImmutableDictionary<string, string?> properties, params object?[] args)
    {
        if (ArgumentLocator.Locate(origin, _context.CancellationToken) is { } location)
        {
            _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, args));
        }
    }

    /// <summary>Reports at a location the caller found itself (e.g. a class name).</summary>
    public void ReportAt(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));

    /// <summary>Reports a duplicate only when the later declaration is this class's own.</summary>
    public void ReportIfOwn(DiagnosticDescriptor descriptor, Origin origin, params object?[] args)
    {
        if (IsOwn(origin))
        {
            Report(descriptor, origin, args);
        }
    }

    /// <summary>
    /// Reports a problem found on the merged view: at the value when this class wrote it, else at
    /// this class's <c>[Image]</c> attribute (the value came from a base class).
    /// </summary>
    public void ReportOnImage(DiagnosticDescriptor descriptor, Origin origin, ImmutableDictionary<string, string?> properties, params object?[] args)
    {
        if (IsOwn(origin))
        {
            Report(descriptor, origin, properties, args);
        }
        else if (Own.ImageAttribute is { } image)
        {
            Report(descriptor, Origin.Whole(image), properties, args);
        }
    }

    /// <summary>
    /// Reports each later occurrence of a key already seen (the first one is kept). A later
    /// occurrence that came from a fragment this class includes is reported at that
    /// <c>[Include]</c>, unless the first one came through the same include (the fragment's own
    /// analysis reports it there).
    /// </summary>
    public void ReportDuplicates<T>(IEnumerable<T> items, System.Func<T, string?> key, System.Func<T, Origin> origin, System.Action<T, Origin> report)
    {
        var seen = new Dictionary<string, Origin>(System.StringComparer.Ordinal);
        foreach (T item in items)
        {
            string? k = key(item);
            if (k is null)
            {
                continue;
            }
            Origin at = origin(item);
            if (!seen.TryGetValue(k, out Origin first))
            {
                seen[k] = at;
                continue;
            }
            if (!IsOwn(at) && IncludeOf(at) is { } include && !(IncludeOf(first) is { } firstInclude && firstInclude.Attribute == include.Attribute))
            {
                at = include;
            }
            report(item, at);
        }
    }

    /// <summary>The <c>[Include(typeof(...))]</c> of this class a value came through, if any.</summary>
    public Origin? IncludeOf(Origin origin)
    {
        if (origin.Attribute is null)
        {
            return null;
        }
        _viaInclude ??= MapIncludedAttributes();
        return _viaInclude.TryGetValue(origin.Attribute, out Origin include) ? include : null;
    }

    private Dictionary<AttributeData, Origin> MapIncludedAttributes()
    {
        var map = new Dictionary<AttributeData, Origin>();
        foreach (Sourced<INamedTypeSymbol?> fragment in Own.Fragments)
        {
            if (fragment.Value is not { TypeKind: TypeKind.Class } type)
            {
                continue;
            }
            foreach (Layer layer in ImageChain.Layers(type, _context.CancellationToken))
            {
                foreach (AttributeData attribute in layer.Owner.GetAttributes())
                {
                    if (!map.ContainsKey(attribute))
                    {
                        map[attribute] = fragment.Origin;
                    }
                }
            }
        }
        return map;
    }

    /// <summary>Reports at <paramref name="origin"/>, pointing also at <paramref name="related"/> (e.g. in a fragment).</summary>
    public void ReportWithRelated(DiagnosticDescriptor descriptor, Origin origin, IEnumerable<Origin> related, params object?[] args)
    {
        if (ArgumentLocator.Locate(origin, _context.CancellationToken) is { } location)
        {
            var additional = new List<Location>();
            foreach (Origin r in related)
            {
                if (ArgumentLocator.Locate(r, _context.CancellationToken) is { } extra)
                {
                    additional.Add(extra);
                }
            }
            _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additional, args));
        }
    }

    public static IEnumerable<Sourced<string?>> Values(IEnumerable<Sourced<string?>> values) => values.Where(v => v.Value is not null);
}

/// <summary>
/// Base of the ImageDsl analyzers: runs <see cref="Analyze"/> for every class with ImageDsl
/// attributes. One analyzer per concern keeps each small and lets users suppress by concern.
/// </summary>
public abstract class ImageDslAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(ctx =>
        {
            if (ctx.Symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type && ClassDeclarationReader.HasImageDslAttributes(type))
            {
                Analyze(new ImageAnalysis(ctx, type));
            }
        }, SymbolKind.NamedType);
        InitializeMore(context);
    }

    /// <summary>Checks one class.</summary>
    private protected abstract void Analyze(ImageAnalysis image);

    /// <summary>Registers further actions (compilation-wide checks).</summary>
    private protected virtual void InitializeMore(AnalysisContext context)
    {
    }
}
