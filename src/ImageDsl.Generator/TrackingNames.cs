namespace ImageDsl.Generator;

/// <summary>
/// Names of the generator's pipeline steps (<c>WithTrackingName</c>), so tests can check which
/// steps re-ran after an edit.
/// </summary>
public static class TrackingNames
{
    /// <summary>Each <c>[Image]</c> class turned into an ImageSpec (or null when nothing can be generated).</summary>
    public const string ImageSpecs = "ImageSpecs";

    /// <summary>The specs that can be emitted.</summary>
    public const string EmittableImages = "EmittableImages";

    /// <summary>Each <c>.catalog</c> AdditionalFile parsed into the constants to emit.</summary>
    public const string Catalogs = "Catalogs";

    /// <summary>All catalogues together, for resolving catalogue constants in <c>[Package]</c>.</summary>
    public const string CatalogIndex = "CatalogIndex";

    /// <summary>The emittable images with catalogue constants resolved to package names.</summary>
    public const string ResolvedImages = "ResolvedImages";

    /// <summary>Each <c>*.lock.json</c> AdditionalFile parsed into the packages a plan pins.</summary>
    public const string LockFiles = "LockFiles";

    /// <summary>All lock files together, by the image they belong to.</summary>
    public const string LockIndex = "LockIndex";

    /// <summary>The resolved images with the plan compiled from their lock file, if any.</summary>
    public const string PlannedImages = "PlannedImages";
}
