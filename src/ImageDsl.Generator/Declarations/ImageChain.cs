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

    /// <summary>The declarations of <paramref name="type"/> merged over its bases and included fragments.</summary>
    public static Declaration ReadMerged(INamedTypeSymbol type, CancellationToken cancellationToken, Compilation? catalogReferences = null)
    {
        var layers = new List<Declaration>();
        foreach (Layer layer in Layers(type, cancellationToken, catalogReferences))
        {
            layers.Add(layer.Declaration);
        }
        return DeclarationMerger.Merge(layers);
    }

    /// <summary>
    /// The classes whose declarations make up <paramref name="type"/>, in merge order (each merged
    /// over the ones before it, as an apko include is merged under the including file): for each
    /// class of the inheritance chain, base first, its <c>[Include(typeof(...))]</c> fragments in the
    /// order written (each expanded the same way), then the class itself. A class is applied once:
    /// a fragment reached twice (two fragments sharing one, or a cycle) keeps its first place.
    /// </summary>
    public static List<Layer> Layers(INamedTypeSymbol type, CancellationToken cancellationToken, Compilation? catalogReferences = null)
    {
        var layers = new List<Layer>();
        Expand(type, included: false, layers, new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default), catalogReferences, cancellationToken);
        return layers;
    }

    private static void Expand(INamedTypeSymbol type, bool included, List<Layer> layers, HashSet<INamedTypeSymbol> applied, Compilation? catalogReferences, CancellationToken cancellationToken)
    {
        foreach (INamedTypeSymbol t in BaseFirst(type))
        {
            if (!applied.Add(t))
            {
                continue;
            }
            Declaration own = ClassDeclarationReader.Read(t, cancellationToken, catalogReferences);
            foreach (Sourced<INamedTypeSymbol?> fragment in own.Fragments)
            {
                if (fragment.Value is { TypeKind: TypeKind.Class } f)
                {
                    Expand(f, included: true, layers, applied, catalogReferences, cancellationToken);
                }
            }
            if (included)
            {
                // An included image lends its contents, not its name.
                own.ImageName = null;
                own.ImageAttribute = null;
            }
            layers.Add(new Layer(t, own));
        }
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

/// <summary>One class's own declarations, as a step of a merge.</summary>
internal readonly struct Layer
{
    public Layer(INamedTypeSymbol owner, Declaration declaration)
    {
        Owner = owner;
        Declaration = declaration;
    }

    public INamedTypeSymbol Owner { get; }

    public Declaration Declaration { get; }
}
