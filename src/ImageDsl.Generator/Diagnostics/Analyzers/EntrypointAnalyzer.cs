using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Entrypoint and services: services replace the command with s6 (IMG0012), service names become
/// folder names (IMG0023) and are unique (IMG0034), <c>service-bundle</c> is the only type (IMG0034),
/// and an image whose entrypoint is a service bundle has services (IMG0040).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EntrypointAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CommandWithServices, Descriptors.BadFileName, Descriptors.InvalidValue, Descriptors.ServiceBundleWithoutServices);

    private protected override void Analyze(ImageAnalysis image)
    {
        // The entrypoint is merged as a whole, so the image's is one class's; a fragment may still get services later.
        if (image.IsImage && image.Merged.Entrypoint is { Type: { } bundle, Services.Count: 0 } && bundle.Value == "service-bundle")
        {
            image.ReportOnImage(Descriptors.ServiceBundleWithoutServices, bundle.Origin, ImmutableDictionary<string, string?>.Empty);
        }
        if (image.Own.Entrypoint is not { } entrypoint)
        {
            return;
        }
        if (entrypoint.Type is { } type && type.Value != "service-bundle")
        {
            image.Report(Descriptors.InvalidValue, type.Origin, $"the entrypoint type '{type.Value}' is unknown; the only type is service-bundle");
        }
        foreach (KeyValueDeclaration service in entrypoint.Services)
        {
            if (!ImageRules.IsValidFileName(service.Key.Value))
            {
                image.Report(Descriptors.BadFileName, service.Key.Origin, "service", service.Key.Value ?? "");
            }
        }
        image.ReportDuplicates(entrypoint.Services, s => s.Key.Value, s => s.Key.Origin,
            (s, origin) => image.Report(Descriptors.InvalidValue, origin, $"the service '{s.Key.Value}' is declared more than once"));
        if (entrypoint.Services.Count > 0 || entrypoint.Type?.Value == "service-bundle")
        {
            // The entrypoint is inherited as a whole, so both parts always come from this class.
            if (entrypoint.Command is { } command)
            {
                image.Report(Descriptors.CommandWithServices, command.Origin);
            }
            if (entrypoint.ShellFragment is { } fragment)
            {
                image.Report(Descriptors.CommandWithServices, fragment.Origin);
            }
        }
    }
}
