using System.Collections.Generic;
using System.Threading;
using ImageDsl.Generator.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImageDsl.Generator.Catalogs;

/// <summary>
/// <c>[Package(Packages.Nginx)]</c> as the generator sees it. A generator does not see generated
/// code, so the catalogue constants do not bind while it runs and the attribute has errors; its
/// arguments are then read from syntax: string literals as they are, <c>Class.Member</c> (optionally
/// <c>ImageDsl.</c>- or <c>global::ImageDsl.</c>-qualified) as a reference resolved against the
/// catalogues when the image is emitted; elements that did bind keep their value. Any other expression is left out (<see cref="Unreadable"/>): it is then an error the
/// compiler reports, so no assembly is built with the incomplete image. The analyzers and the compiler see the bound constants.
/// </summary>
internal static class CatalogReferences
{
    /// <summary>Starts a reference inside a package string (control characters cannot be in package names).</summary>
    public const char Marker = '\u0001';

    /// <summary>Ends a reference inside a package string.</summary>
    public const char End = '\u0002';

    /// <summary>A reference no catalogue resolves: the package is left out (the compiler reports the expression).</summary>
    public static readonly string Unreadable = Marker + "?" + End;

    public static bool HasErrors(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null)
        {
            return true;
        }
        foreach (TypedConstant argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Error)
            {
                return true;
            }
            if (argument.Kind == TypedConstantKind.Array && !argument.IsNull)
            {
                foreach (TypedConstant element in argument.Values)
                {
                    if (element.Kind == TypedConstantKind.Error)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// <summary>The packages of a <c>[Package]</c> that did not bind, read from its syntax.</summary>
    public static List<Sourced<string?>> PackagesFromSyntax(AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        var result = new List<Sourced<string?>>();
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } list })
        {
            return result;
        }
        SemanticModel model = compilation.GetSemanticModel(list.SyntaxTree);
        // Elements that bind (string literals, the project's own constants) keep their constant value.
        string? Bound(ExpressionSyntax expression) =>
            model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string text } ? text : null;
        int element = 0;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals is not null || argument.NameColon is not null)
            {
                continue;
            }
            if (argument.Expression is CollectionExpressionSyntax collection)
            {
                foreach (CollectionElementSyntax item in collection.Elements)
                {
                    string value = item is ExpressionElementSyntax { Expression: { } e } ? Bound(e) ?? Read(e) ?? Unreadable : Unreadable;
                    result.Add(new Sourced<string?>(value, Origin.Argument(attribute, 0, element)));
                    element++;
                }
                continue;
            }
            result.Add(new Sourced<string?>(Bound(argument.Expression) ?? Read(argument.Expression) ?? Unreadable, Origin.Argument(attribute, 0, element)));
            element++;
        }
        return result;
    }

    /// <summary>
    /// The packages of a <c>[Package]</c> that did bind: strings as they are, a catalogue member (an enum the
    /// generator wrote, <see cref="CatalogEmitter"/>) as a reference, anything else <see cref="Unreadable"/>
    /// (IMG0004 names it).
    /// </summary>
    public static List<Sourced<string?>> PackagesFromConstants(AttributeData attribute)
    {
        var result = new List<Sourced<string?>>();
        TypedConstant argument = AttributeValues.Constructor(attribute, 0);
        if (argument.Kind != TypedConstantKind.Array || argument.IsNull)
        {
            return result;
        }
        for (int i = 0; i < argument.Values.Length; i++)
        {
            result.Add(new Sourced<string?>(Reference(argument.Values[i]), Origin.Argument(attribute, 0, i)));
        }
        return result;
    }

    private static string? Reference(TypedConstant element)
    {
        if (element.Value is string text)
        {
            return text;
        }
        if (element.Kind == TypedConstantKind.Enum && element.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } type
            && type.ContainingNamespace is { Name: "ImageDsl", ContainingNamespace.IsGlobalNamespace: true } && IsGenerated(type))
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, element.Value))
                {
                    return Marker + type.Name + "." + field.Name + End;
                }
            }
        }
        return element.IsNull ? null : Unreadable;
    }

    /// <summary>Written by this generator: a catalogue enum carries its <c>GeneratedCode</c> attribute.</summary>
    private static bool IsGenerated(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } && AttributeValues.Constructor(attribute, 0).Value is "ImageDsl.Generator")
            {
                return true;
            }
        }
        return false;
    }

    private static string? Read(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.Token.Value is string text:
                return text;
            case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access when ClassName(access.Expression) is { } type:
                return Marker + type + "." + member.Identifier.ValueText + End;
            case ParenthesizedExpressionSyntax parenthesized:
                return Read(parenthesized.Expression);
            default:
                return null;
        }
    }

    /// <summary><c>Packages</c>, <c>ImageDsl.Packages</c> or <c>global::ImageDsl.Packages</c> → <c>Packages</c>.</summary>
    private static string? ClassName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "ImageDsl" }, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name.Identifier.ValueText: "ImageDsl" }, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };
}
