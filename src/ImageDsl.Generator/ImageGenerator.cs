using ImageDsl.Generator.Catalogs;
using ImageDsl.Generator.Declarations;
using ImageDsl.Generator.Emit;
using ImageDsl.Generator.Locking;
using ImageDsl.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ImageDsl.Generator;

/// <summary>
/// Adds the image declaration to every <c>[Image]</c> class: <c>ImageName</c>, <c>Configuration</c> (the apko.yaml model, base classes and fragments merged)
/// and an assembly-level <c>ImageRegistration</c>; with the image's lock file, its <c>Plan</c> (the pinned packages). Reports no diagnostics: the analyzers in
/// <c>ImageDsl.Generator.Diagnostics</c> do, so the pipeline stays cacheable.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ImageGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ImageSpec> images = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Image,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (ctx, ct) => ImageSpecBuilder.TryBuild(ctx, ct))
            .WithTrackingName(TrackingNames.ImageSpecs)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.EmittableImages);

        // Package catalogues: parsed once per file content, independent of the C# sources, so editing
        // an image never parses a catalogue again.
        IncrementalValuesProvider<CatalogSpec> catalogs = context.AdditionalTextsProvider
            .Where(static file => CatalogFiles.IsCatalog(file))
            // The parse the analyzers use too: one per catalogue text, not one per reader.
            .Select(static (file, ct) => CatalogFiles.ReadCached(file, ct))
            .WithTrackingName(TrackingNames.Catalogs);
        context.RegisterSourceOutput(catalogs.Where(static spec => spec.ClassName.Length > 0), static (output, spec) =>
            output.AddSource(CatalogFiles.HintName(spec), SourceText.From(CatalogEmitter.Render(spec), System.Text.Encoding.UTF8)));

        // [Package(Packages.Nginx)] names a generated constant the generator cannot bind; resolve it here.
        IncrementalValueProvider<CatalogIndex> index = catalogs.Collect()
            .Select(static (specs, _) => new CatalogIndex(specs))
            .WithTrackingName(TrackingNames.CatalogIndex);
        IncrementalValuesProvider<ImageSpec> resolved = images.Combine(index)
            .Select(static (pair, _) => pair.Right.Resolve(pair.Left))
            .WithTrackingName(TrackingNames.ResolvedImages);

        // Lock files: each parsed once per content, independent of the C# sources; an image named like a
        // lock file (<image name>.lock.json) gets the plan compiled from it.
        IncrementalValueProvider<LockIndex> locks = context.AdditionalTextsProvider
            .Where(static file => LockFileSet.IsLockFile(file))
            .Select(static (file, ct) => LockPlanFiles.Read(file, ct))
            .WithTrackingName(TrackingNames.LockFiles)
            .Collect()
            .Select(static (specs, _) => new LockIndex(specs))
            .WithTrackingName(TrackingNames.LockIndex);
        IncrementalValuesProvider<PlannedImageSpec> planned = resolved.Combine(locks)
            .Select(static (pair, _) => new PlannedImageSpec(pair.Left, pair.Right.For(pair.Left.ImageName)))
            .WithTrackingName(TrackingNames.PlannedImages);
        context.RegisterSourceOutput(planned, static (output, spec) =>
            output.AddSource(spec.Image.Type.HintName, SourceText.From(ImageEmitter.Render(spec.Image, spec.Lock), System.Text.Encoding.UTF8)));
    }
}
