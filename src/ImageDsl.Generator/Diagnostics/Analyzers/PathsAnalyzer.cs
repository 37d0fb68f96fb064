using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Path entries: a path is given (IMG0027), links have a source (IMG0015), <c>Mode</c> is octal
/// (IMG0016) written with a leading 0 (IMG0036), and owner ids fit in 32 bits (IMG0034).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PathsAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.MissingField, Descriptors.LinkWithoutSource, Descriptors.BadPermissions,
        Descriptors.PermissionsWithoutLeadingZero, Descriptors.InvalidValue);

    private protected override void Analyze(ImageAnalysis image)
    {
        foreach (PathDeclaration path in image.Own.Paths)
        {
            if (string.IsNullOrWhiteSpace(path.Path.Value))
            {
                image.Report(Descriptors.MissingField, path.Path.Origin, "the " + KindName(path.Kind) + " entry", "path");
            }
            if ((path.Kind == PathKind.Symlink || path.Kind == PathKind.Hardlink) && string.IsNullOrWhiteSpace(path.Source?.Value))
            {
                image.Report(Descriptors.LinkWithoutSource, path.Source?.Origin ?? path.Entry, KindName(path.Kind), path.Path.Value ?? "");
            }
            if (path.Mode is { } mode && mode.Value is not null)
            {
                CheckMode(image, mode);
            }
            foreach (Sourced<long>? id in new[] { path.Uid, path.Gid })
            {
                if (id is { } v && (v.Value < 0 || v.Value > uint.MaxValue))
                {
                    image.Report(Descriptors.InvalidValue, v.Origin, $"the owner id {v.Value} is out of range; use 0..4294967295 (or leave it unset)");
                }
            }
        }
    }

    private static void CheckMode(ImageAnalysis image, Sourced<string?> mode)
    {
        string text = mode.Value!;
        if (!ImageRules.TryParseOctal(text, out uint bits))
        {
            string? suggestion = PermissionSuggestions.Suggest(text);
            image.Report(Descriptors.BadPermissions, mode.Origin, FixProperties.With(FixProperties.Replacement, suggestion), text);
        }
        else if (PermissionSuggestions.LacksLeadingZero(text) && bits != 0)
        {
            string canonical = PermissionSuggestions.Format(bits);
            image.Report(Descriptors.PermissionsWithoutLeadingZero, mode.Origin, FixProperties.With(FixProperties.Replacement, canonical), text, canonical);
        }
    }

    private static string KindName(PathKind kind) => kind switch
    {
        PathKind.EmptyFile => "empty-file",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
