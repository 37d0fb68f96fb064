using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ImageDsl.Diagnostics;
using ImageDsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImageDsl.CodeFixes;

/// <summary>
/// IMG0009: declares the run-as user, <c>[User("name", Uid = N)]</c>, right after the attribute the
/// diagnostic points at, with a uid no other user of the image has (65532 when free).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareUserCodeFix)), Shared]
public sealed class DeclareUserCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticCatalog.UnknownRunAs.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.UserName, out string? name) || name is null
                || !diagnostic.Properties.TryGetValue(FixProperties.Uid, out string? uid) || uid is null
                || root?.FindNode(diagnostic.Location.SourceSpan) is not { } node
                || node.FirstAncestorOrSelf<AttributeListSyntax>() is not { Parent: TypeDeclarationSyntax type } list)
            {
                continue;
            }
            AttributeSyntax reference = node.FirstAncestorOrSelf<AttributeSyntax>() ?? list.Attributes[0];
            AttributeListSyntax user = UserAttribute(reference, name, uid).WithTriviaFrom(list);
            int at = type.AttributeLists.IndexOf(list);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Declare the user '{name}' (uid {uid})",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(
                        root.ReplaceNode(type, type.WithAttributeLists(type.AttributeLists.Insert(at + 1, user))))),
                    nameof(DeclareUserCodeFix)),
                diagnostic);
        }
    }

    /// <summary>Builds <c>[User("name", Uid = N)]</c>, qualified the way the neighbouring attribute is.</summary>
    private static AttributeListSyntax UserAttribute(AttributeSyntax neighbour, string name, string uid)
    {
        NameSyntax attributeName = neighbour.Name is QualifiedNameSyntax qualified
            ? SyntaxFactory.QualifiedName(qualified.Left, SyntaxFactory.IdentifierName("User"))
            : SyntaxFactory.IdentifierName("User");
        var arguments = SyntaxFactory.SeparatedList(new[]
        {
            SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))),
            SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Uid")),
                null,
                // Parsed, so the literal has the type the compiler gives it (int up to 2^31-1, then uint/long).
                SyntaxFactory.ParseExpression(long.Parse(uid, NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))),
        });
        AttributeSyntax attribute = SyntaxFactory.Attribute(attributeName, SyntaxFactory.AttributeArgumentList(arguments));
        return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).NormalizeWhitespace();
    }
}
