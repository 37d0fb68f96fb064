using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Declarations;

/// <summary>A class and its base classes, which play the role of apko's <c>include:</c>.</summary>
internal static class ImageChain
{
    /// <summary><paramref name="type"/> and its base classes (not <c>object</c>), base first.</summary>
    public static List<INamedTypeSymbol> BaseFirst(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        for (INamedTypeSymbol? t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            // Cyclic inheritance is a compiler error (CS0146); do not loop on the broken symbol.
            if (!seen.Add(t) || t.TypeKind == TypeKind.Error)
            {
                break;
            }
            chain.Add(t);
        }
        chain.Reverse();
        return chain;
    }

    /// <summary>The declarations of <paramref name="type"/> merged over those of its bases.</summary>
    public static Declaration ReadMerged(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var layers = new List<Declaration>();
        foreach (INamedTypeSymbol t in BaseFirst(type))
        {
            layers.Add(ClassDeclarationReader.Read(t, cancellationToken));
        }
        return DeclarationMerger.Merge(layers);
    }

    /// <summary>True when a base class is itself an image, so generated members must hide its own.</summary>
    public static bool HasImageBase(INamedTypeSymbol type)
    {
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        for (INamedTypeSymbol? t = type.BaseType; t is not null && t.SpecialType != SpecialType.System_Object && seen.Add(t); t = t.BaseType)
        {
            if (ClassDeclarationReader.HasImageAttribute(t))
            {
                return true;
            }
        }
        return false;
    }
}
