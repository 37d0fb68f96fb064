using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Declarations;
using ImageDsl.Generator.Locking;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Offline package checks against an image's apko lock file (an <c>AdditionalFiles</c> item named
/// <c>&lt;image name&gt;.lock.json</c>, or any <c>*.lock.json</c> not named after another image): a package the
/// lock does not hold is a warning with a "did you mean" (IMG0030); a constraint the locked version does not
/// satisfy is an error (IMG0031). A lock file that cannot be read is IMG0034, at the place in the file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockFileAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PackageNotLocked, Descriptors.LockedVersionMismatch, Descriptors.InvalidValue);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var locks = new LockFileSet(start.Options.AdditionalFiles, start.Compilation, start.CancellationToken);
            if (locks.IsEmpty)
            {
                return;
            }
            start.RegisterAdditionalFileAction(ctx =>
            {
                if (LockFileSet.IsLockFile(ctx.AdditionalFile) && locks.Read(ctx.AdditionalFile, ctx.CancellationToken).Error is { } error)
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidValue, At(ctx.AdditionalFile, error),
                        $"the lock file {System.IO.Path.GetFileName(ctx.AdditionalFile.Path)} cannot be used: {error.Message}"));
                }
            });
            start.RegisterSymbolAction(ctx =>
            {
                if (ctx.Symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type && ClassDeclarationReader.HasImageAttribute(type))
                {
                    Analyze(new ImageAnalysis(ctx, type), locks, ctx.CancellationToken);
                }
            }, SymbolKind.NamedType);
        });
    }

    private static void Analyze(ImageAnalysis image, LockFileSet locks, System.Threading.CancellationToken cancellationToken)
    {
        if (!image.IsImage || image.Own.ImageName?.Value is not { Length: > 0 } name)
        {
            return;
        }
        IReadOnlyList<LockFileContents> applying = locks.For(name, cancellationToken);
        if (applying.Count == 0)
        {
            return;
        }
        string files = string.Join(", ", applying.Select(l => l.FileName));
        CheckServiceSupervisor(image, applying, files);
        foreach (Sourced<string?> package in image.Merged.Packages)
        {
            // Conflicts are not installed, and virtual names (so:, cmd:) are provides the lock does not list.
            if (!PackageConstraintSyntax.TryParse(package.Value, out ParsedConstraint? constraint, out _)
                || constraint!.IsConflict || constraint.Name.IndexOf(':') >= 0)
            {
                continue;
            }
            List<LockedPackage> locked = applying
                .SelectMany(l => l.ByName.TryGetValue(constraint.Name, out IReadOnlyList<LockedPackage>? entries) ? entries : Enumerable.Empty<LockedPackage>())
                .ToList();
            if (locked.Count == 0)
            {
                string? suggestion = Suggest(constraint.Name, applying.SelectMany(l => l.ByName.Keys));
                image.ReportOnImage(Descriptors.PackageNotLocked, package.Origin, ImmutableDictionary<string, string?>.Empty,
                    constraint.Name, " " + files + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
                continue;
            }
            if (constraint.Operator is null || LockedVersion.TryParse(constraint.Version) is not { } required)
            {
                continue;
            }
            LockedPackage? failing = locked.FirstOrDefault(p => LockedVersion.TryParse(p.Version) is not { } version || !version.Satisfies(constraint.Operator, required));
            if (failing is not null)
            {
                string where = failing.Architecture.Length > 0 ? $"{failing.Architecture}, {files}" : files;
                image.ReportOnImage(Descriptors.LockedVersionMismatch, package.Origin, ImmutableDictionary<string, string?>.Empty,
                    package.Value, $"{failing.Version} ({where})");
            }
        }
    }

    /// <summary>
    /// A service bundle runs <c>/bin/s6-svscan</c>, so the build adds the <c>s6</c> package (apko
    /// does the same); a lock without it means the build cannot install it. Reported at the first
    /// service (or on the image when the services are inherited). When <c>s6</c> is declared as a
    /// package, the package check above reports it instead.
    /// </summary>
    private static void CheckServiceSupervisor(ImageAnalysis image, IReadOnlyList<LockFileContents> applying, string files)
    {
        const string Supervisor = "s6";
        if (image.Merged.Entrypoint is not { Services.Count: > 0 } entrypoint
            || applying.Any(l => l.ByName.ContainsKey(Supervisor))
            || image.Merged.Packages.Any(p => PackageConstraintSyntax.TryParse(p.Value, out ParsedConstraint? c, out _) && c!.Name == Supervisor))
        {
            return;
        }
        image.ReportOnImage(Descriptors.PackageNotLocked, entrypoint.Services[0].Key.Origin, ImmutableDictionary<string, string?>.Empty,
            Supervisor, " " + files + "; the service bundle needs it to supervise the services");
    }

    /// <summary>The locked name closest to <paramref name="name"/>, if it is close enough to be a typo.</summary>
    private static string? Suggest(string name, IEnumerable<string> candidates)
    {
        int limit = System.Math.Max(2, name.Length / 3);
        return candidates.Distinct()
            .Select(c => (Name: c, Distance: EditDistance.Between(name, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, System.StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static Location At(AdditionalText file, MiniJsonException error)
    {
        var position = new LinePosition(error.Line - 1, error.Column - 1);
        SourceText? text = file.GetText();
        int offset = 0;
        if (text is not null && error.Line - 1 < text.Lines.Count)
        {
            TextLine line = text.Lines[error.Line - 1];
            offset = System.Math.Min(line.Start + error.Column - 1, line.End);
        }
        return Location.Create(file.Path, new TextSpan(offset, 0), new LinePositionSpan(position, position));
    }
}
