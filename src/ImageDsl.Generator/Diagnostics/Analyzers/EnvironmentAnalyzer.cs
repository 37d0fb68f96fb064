using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Environment variables (IMG0018) and annotation keys (IMG0019); a key set twice in one class is a
/// mistake (IMG0034), while a derived class setting a base class's key overrides it on purpose.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnvironmentAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.BadEnvironmentName, Descriptors.BadAnnotationKey, Descriptors.InvalidValue);

    private protected override void Analyze(ImageAnalysis image)
    {
        foreach (KeyValueDeclaration variable in image.Own.Environment)
        {
            if (!ImageRules.IsValidEnvironmentName(variable.Key.Value))
            {
                image.Report(Descriptors.BadEnvironmentName, variable.Key.Origin, variable.Key.Value ?? "");
            }
        }
        foreach (KeyValueDeclaration annotation in image.Own.Annotations)
        {
            if (!ImageRules.IsValidAnnotationKey(annotation.Key.Value))
            {
                image.Report(Descriptors.BadAnnotationKey, annotation.Key.Origin, annotation.Key.Value ?? "");
            }
        }
        image.ReportDuplicates(image.Own.Environment, e => e.Key.Value, e => e.Key.Origin,
            (e, origin) => image.Report(Descriptors.InvalidValue, origin, $"the environment variable '{e.Key.Value}' is set more than once in this class"));
        image.ReportDuplicates(image.Own.Annotations, a => a.Key.Value, a => a.Key.Origin,
            (a, origin) => image.Report(Descriptors.InvalidValue, origin, $"the annotation '{a.Key.Value}' is set more than once in this class"));
    }
}
