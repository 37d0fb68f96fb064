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
}
