using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Certificates: names follow apko's file-name rule (IMG0023), each holds exactly one PEM
/// CERTIFICATE block (IMG0033), names are unique and providers are named (IMG0034).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CertificatesAnalyzer : ImageDslAnalyzer
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.BadFileName, Descriptors.BadCertificate, Descriptors.InvalidValue);

    private protected override void Analyze(ImageAnalysis image)
    {
        if (image.Own.Certificates is not { } certificates)
        {
            return;
        }
        foreach (NamedTextDeclaration certificate in certificates.Additional)
        {
            if (!ImageRules.IsValidFileName(certificate.Name.Value))
            {
                image.Report(Descriptors.BadFileName, certificate.Name.Origin, "certificate", certificate.Name.Value ?? "");
            }
            string content = certificate.Content.Value ?? "";
            if (Count(content, Begin) != 1 || Count(content, End) != 1 || content.IndexOf(End, System.StringComparison.Ordinal) < content.IndexOf(Begin, System.StringComparison.Ordinal))
            {
                image.Report(Descriptors.BadCertificate, certificate.Content.Origin,
                    $"the certificate '{certificate.Name.Value}' must hold exactly one PEM block from {Begin} to {End}");
            }
        }
        image.ReportDuplicates(certificates.Additional, c => c.Name.Value, c => c.Name.Origin,
            (c, origin) => image.Report(Descriptors.InvalidValue, origin, $"the certificate name '{c.Name.Value}' is used more than once"));
        foreach (Sourced<string?> provider in certificates.Providers)
        {
            if (string.IsNullOrWhiteSpace(provider.Value))
            {
                image.Report(Descriptors.InvalidValue, provider.Origin, "the certificate provider name is empty");
            }
        }
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, System.StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
