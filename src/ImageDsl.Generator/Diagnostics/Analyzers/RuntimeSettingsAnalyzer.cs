using System.Collections.Immutable;
using ImageDsl.Generator.Declarations;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ImageDsl.Generator.Diagnostics.Analyzers;

/// <summary>
/// Work dir (IMG0013), stop signal (IMG0014), layering (IMG0025), format (IMG0026), the
/// <c>[Include]</c>/<c>[Volume]</c> paths (IMG0027) and the layer compression (IMG0045).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuntimeSettingsAnalyzer : ImageDslAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.WorkDirNotAbsolute, Descriptors.UnknownStopSignal, Descriptors.BadLayering,
        Descriptors.UnsupportedFormat, Descriptors.MissingField, Descriptors.BadLayerCompression);

    private protected override void Analyze(ImageAnalysis image)
    {
        Declaration own = image.Own;
        if (own.WorkDir is { } workDir && !ImageRules.IsAbsolutePath(workDir.Value))
        {
            image.Report(Descriptors.WorkDirNotAbsolute, workDir.Origin, workDir.Value ?? "");
        }
        if (own.StopSignal is { } signal && !ImageRules.IsKnownStopSignal(signal.Value))
        {
            image.Report(Descriptors.UnknownStopSignal, signal.Origin, signal.Value ?? "");
        }
        if (own.Layering is { } layering)
        {
            if (layering.Strategy is { } strategy && strategy.Value != "origin")
            {
                image.Report(Descriptors.BadLayering, strategy.Origin, $"the layering strategy '{strategy.Value}' is unknown; the only strategy is origin");
            }
            if (layering.Budget is not { } budget || budget.Value < 1)
            {
                image.Report(Descriptors.BadLayering, layering.Budget?.Origin ?? layering.Entry,
                    "the layering budget must be at least 1 (without [Layering] the image has one layer)");
            }
        }
        if (own.LayerCompression is { } compression)
        {
            CheckCompression(image, compression);
        }
        if (own.Format is { } format && format.Value != "tar")
        {
            image.Report(Descriptors.UnsupportedFormat, format.Origin, format.Value ?? "");
        }
        if (own.Include is { } include && string.IsNullOrWhiteSpace(include.Value))
        {
            image.Report(Descriptors.MissingField, include.Origin, "[Include]", "path");
        }
        foreach (Sourced<string?> volume in own.Volumes)
        {
            if (string.IsNullOrWhiteSpace(volume.Value))
            {
                image.Report(Descriptors.MissingField, volume.Origin, "[Volume]", "path");
            }
        }
    }

    /// <summary>The same algorithms and level ranges as `--compression` (LayerCompression.Parse).</summary>
    private static void CheckCompression(ImageAnalysis image, LayerCompressionDeclaration compression)
    {
        if (compression.Algorithm.Value is not { } name)
        {
            image.Report(Descriptors.BadLayerCompression, compression.Algorithm.Origin,
                "the layer compression is not a member of Compression; use Compression.Gzip or Compression.Zstd");
        }
        else if (compression.Level is { } level && !CompressionLevels.IsValid(name, level.Value))
        {
            image.Report(Descriptors.BadLayerCompression, level.Origin,
                $"the {name} level {level.Value} is outside {name}'s levels 1-{CompressionLevels.MaxLevel(name)}");
        }
    }
}
