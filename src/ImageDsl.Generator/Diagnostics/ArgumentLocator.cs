using System.Linq;
using System.Threading;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImageDsl.Generator.Diagnostics;

/// <summary>Finds the source location of the attribute argument an <see cref="Origin"/> names.</summary>
internal static class ArgumentLocator
{
    /// <summary>The argument's location; the whole attribute when the argument cannot be found; null for metadata.</summary>
    public static Location? Locate(Origin origin, CancellationToken cancellationToken)
    {
        if (origin.Attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax attribute)
        {
            return null;
        }
        ExpressionSyntax? expression = Find(attribute, origin);
        return (expression ?? (SyntaxNode)attribute).GetLocation();
    }

    private static ExpressionSyntax? Find(AttributeSyntax attribute, Origin origin)
    {
        if (attribute.ArgumentList is null)
        {
            return null;
        }
        var arguments = attribute.ArgumentList.Arguments;
        if (origin.Named is not null)
        {
            AttributeArgumentSyntax? named = arguments.LastOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == origin.Named);
            return named is null ? null : Element(named.Expression, origin.Element) ?? named.Expression;
        }
        if (origin.Position < 0)
        {
            return null;
        }
        var positional = arguments.Where(a => a.NameEquals is null).ToList();
        if (origin.Element >= 0)
        {
            // A params argument is written either expanded ("a", "b") or as one array/collection.
            if (positional.Count == origin.Position + 1 && Element(positional[origin.Position].Expression, origin.Element) is { } inArray)
            {
                return inArray;
            }
            int expanded = origin.Position + origin.Element;
            return expanded < positional.Count ? positional[expanded].Expression : null;
        }
        return origin.Position < positional.Count ? positional[origin.Position].Expression : null;
    }

    private static ExpressionSyntax? Element(ExpressionSyntax expression, int index)
    {
        if (index < 0)
        {
            return null;
        }
        switch (expression)
        {
            case CollectionExpressionSyntax collection:
                return index < collection.Elements.Count && collection.Elements[index] is ExpressionElementSyntax e ? e.Expression : null;
            case ArrayCreationExpressionSyntax { Initializer: { } init }:
                return index < init.Expressions.Count ? init.Expressions[index] : null;
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } init }:
                return index < init.Expressions.Count ? init.Expressions[index] : null;
            default:
                return null;
        }
    }
}
