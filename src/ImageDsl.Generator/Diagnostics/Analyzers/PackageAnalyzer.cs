using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ImageDsl.Generator.Catalogs;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// <c>[Package]</c>: each constraint must follow apko's grammar (IMG0004), a package should be listed
/// once (IMG0005), and a <c>name@tag</c> pin needs a repository declared with that tag (IMG0017).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PackageAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MalformedPackage, Descriptors.DuplicatePackage, Descriptors.UnknownPinTag);

    private protected override void Analyze(ImageAnalysis image)
    {
        foreach (Sourced<string?> package in image.Own.Packages)
        {
            if (package.Value is { } text && text.IndexOf(CatalogReferences.Marker) >= 0)
            {
                image.Report(Descriptors.MalformedPackage, package.Origin,
                    "this value names no package: write a constraint string (\"nginx>=1.24\") or a member of a package catalogue (a .catalog AdditionalFile)");
                continue;
            }
            if (!PackageConstraintSyntax.TryParse(package.Value, out _, out string error))
            {
                image.Report(Descriptors.MalformedPackage, package.Origin, error);
            }
        }

        var parsed = image.Merged.Packages
            .Select(p => (Package: p, Parsed: PackageConstraintSyntax.TryParse(p.Value, out ParsedConstraint? c, out _) ? c : null))
            .Where(p => p.Parsed is not null)
            .ToList();
        image.ReportDuplicates(parsed, p => (p.Parsed!.IsConflict ? "!" : "") + p.Parsed.Name, p => p.Package.Origin,
            (p, origin) => image.ReportIfOwn(Descriptors.DuplicatePackage, origin, p.Parsed!.Name));

        // An [Include]d apko.yaml may declare the tagged repository, so pins are checked only without one.
        if (!image.IsImage || image.Merged.Include is not null)
        {
            return;
        }
        var tags = new HashSet<string>(
            image.Merged.Repositories.Concat(image.Merged.BuildRepositories)
                .Select(r => r.Tag?.Value?.TrimStart('@'))
                .Where(t => !string.IsNullOrEmpty(t))
                .Select(t => t!),
            System.StringComparer.Ordinal);
        foreach (var (package, constraint) in parsed)
        {
            if (constraint!.Pin is { } pin && !tags.Contains(pin))
            {
                image.ReportOnImage(Descriptors.UnknownPinTag, package.Origin, ImmutableDictionary<string, string?>.Empty, package.Value, pin);
            }
        }
    }
}
