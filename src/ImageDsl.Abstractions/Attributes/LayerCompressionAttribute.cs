namespace ImageDsl;

/// <summary>
/// How the image's layers are compressed (ImageDsl's own, not apko's; the C# form of
/// <c>dotnet image build --compression</c>, which wins over it when given). Without it, layers are gzip at
/// level 6, the default. It is a build setting, not part of the image declaration: it is not in the
/// apko.yaml form and does not change the lock file's config checksum. Merged from base classes and
/// <c>[Include(typeof(...))]</c> fragments as a scalar (the derived class wins).
/// </summary>
/// <example><code>[LayerCompression(Compression.Zstd, Level = 9)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LayerCompressionAttribute : Attribute
{
    /// <summary>Declares the algorithm, at its default level unless <see cref="Level"/> is set.</summary>
    public LayerCompressionAttribute(Compression algorithm) => Algorithm = algorithm;

    /// <summary>The algorithm.</summary>
    public Compression Algorithm { get; }

    /// <summary>
    /// The level: 1-9 for gzip, 1-19 for zstd (anything else is IMG0045). Left unset, the algorithm's
    /// default (gzip 6, zstd 3).
    /// </summary>
    public int Level { get; set; }
}
