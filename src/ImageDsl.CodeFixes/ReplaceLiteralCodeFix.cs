using System.Collections.Immutable;
using System.Composition;
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
/// Replaces the string literal a diagnostic points at with the text the analyzer worked out:
/// an architecture's canonical name (IMG0003 with a suggestion, IMG0035) or permissions written as
/// <c>0755</c> (IMG0016 when the intent is clear, IMG0036).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceLiteralCodeFix)), Shared]
public sealed class ReplaceLiteralCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticCatalog.UnknownArchitecture.Id,
        DiagnosticCatalog.ArchitectureAlias.Id,
        DiagnosticCatalog.BadPermissions.Id,
        DiagnosticCatalog.PermissionsWithoutLeadingZero.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Replacement, out string? replacement) || replacement is null)
            {
                continue;
            }
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue;
            }
            LiteralExpressionSyntax updated = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
                .WithTriviaFrom(literal);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use \"{replacement}\"",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, updated))),
                    // One key for all: "fix all" then rewrites every such literal in one pass.
                    nameof(ReplaceLiteralCodeFix)),
                diagnostic);
        }
    }
}
