using System.Collections.Immutable;
using System.Composition;
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
/// Removes the attribute argument a diagnostic points at: a repeated architecture (IMG0039), written
/// either as an expanded <c>params</c> argument or as an element of a collection or array.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentCodeFix)), Shared]
public sealed class RemoveArgumentCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticCatalog.DuplicateArchitecture.Id);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null || !diagnostic.Properties.ContainsKey(FixProperties.RemoveElement)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not SyntaxNode node)
            {
                continue;
            }
            // The innermost list the value belongs to: an array initializer, a collection expression, or the argument list.
            SyntaxNode? removable = node.Parent is InitializerExpressionSyntax
                ? node
                : node.AncestorsAndSelf().FirstOrDefault(n => n is ExpressionElementSyntax or AttributeArgumentSyntax);
            if (removable is null)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove the repeated architecture",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(removable, SyntaxRemoveOptions.KeepNoTrivia)!)),
                    nameof(RemoveArgumentCodeFix)),
                diagnostic);
        }
    }
}
