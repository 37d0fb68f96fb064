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
/// The image's own lock file, which its build plan is compiled from, must match the declared packages when
/// it records them (<c>config.world</c>, written by <c>dotnet image lock --project</c>; IMG0044): each declared
/// package is among them, and each of them is still declared.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockFileAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PackageNotLocked, Descriptors.LockedVersionMismatch, Descriptors.InvalidValue, Descriptors.LockOutOfDate);

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
        (LockFileContents Contents, string Folder)? plan = locks.Own(name, cancellationToken);
        HashSet<string>? world = plan?.Contents.World is { } recorded ? new HashSet<string>(recorded.Select(ConstraintName), System.StringComparer.Ordinal) : null;
        var declared = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (Sourced<string?> package in image.Merged.Packages)
        {
            if (!PackageConstraintSyntax.TryParse(package.Value, out ParsedConstraint? constraint, out _) || constraint!.IsConflict)
            {
                continue;
            }
            declared.Add(constraint.Name);
            List<LockedPackage> locked = applying
                .SelectMany(l => l.ByName.TryGetValue(constraint.Name, out IReadOnlyList<LockedPackage>? entries) ? entries : Enumerable.Empty<LockedPackage>())
                .ToList();
            bool isVirtual = constraint.Name.IndexOf(':') >= 0;
            if (plan is { } own && world is not null && !world.Contains(constraint.Name) && !IsDerivedSupervisor(image, constraint.Name))
            {
                string? guess = locked.Count == 0 ? Suggest(constraint.Name, own.Contents.ByName.Keys) : null;
                ReportOutOfDate(image, package.Origin, own, name,
                    $"'{constraint.Name}' is declared but the lock was made without it" + (guess is null ? "" : $" (did you mean '{guess}'?)"));
                continue;
            }
            // Conflicts are not installed, and virtual names (so:, cmd:) are provides the lock does not list.
            if (isVirtual)
            {
                continue;
            }
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
        // A top-level package the image no longer declares has no [Package] to point at: reported on [Image].
        // An [Include("file.yaml")] adds packages the analyzers cannot see, so it is left to the build's check.
        if (plan is { } stale && world is not null && image.Merged.Include is null && image.Own.ImageAttribute is { } imageAttribute)
        {
            foreach (string removed in stale.Contents.World!.Select(ConstraintName).Where(n => n.Length > 0 && !declared.Contains(n)).Distinct().OrderBy(n => n, System.StringComparer.Ordinal))
            {
                ReportOutOfDate(image, Origin.Whole(imageAttribute), stale, name, $"it locks '{removed}', which the image no longer declares");
            }
        }
    }

    /// <summary>
    /// A service bundle's <c>s6</c>, which the lock command cannot tell from the one the build derives (it records the
    /// packages without it), so it is never reported as missing from the lock's record.
    /// </summary>
    private static bool IsDerivedSupervisor(ImageAnalysis image, string name) =>
        name == "s6" && image.Merged.Entrypoint is { Services.Count: > 0 };

    private static void ReportOutOfDate(ImageAnalysis image, Origin at, (LockFileContents Contents, string Folder) plan, string imageName, string detail) =>
        image.ReportOnImage(Descriptors.LockOutOfDate, at, ImmutableDictionary<string, string?>.Empty,
            plan.Contents.FileName, detail, ShellWord(plan.Folder), ShellWord(imageName));

    /// <summary>The package name of a world entry (<c>nginx&gt;=1.24</c> → <c>nginx</c>); "" for a conflict or an entry that does not parse.</summary>
    private static string ConstraintName(string entry) =>
        PackageConstraintSyntax.TryParse(entry, out ParsedConstraint? c, out _) && !c!.IsConflict ? c.Name : "";

    /// <summary>A word a shell reads back unchanged: quoted when it holds anything but safe characters.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./:=@+,".IndexOf(c) >= 0) ? word : "'" + word.Replace("'", "'\\''") + "'";

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
