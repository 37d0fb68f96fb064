using System.Globalization;
using ImageDsl.Errors;
using ImageDsl.Rules;

namespace ImageDsl.Oci;

/// <summary>The layer compression algorithms.</summary>
public enum LayerCompressionKind
{
    /// <summary>gzip (`application/vnd.oci.image.layer.v1.tar+gzip`), the default, as apko writes.</summary>
    Gzip,

    /// <summary>zstd (`application/vnd.oci.image.layer.v1.tar+zstd`), opt-in.</summary>
    Zstd,
}

/// <summary>
/// How layers are compressed: the algorithm and its level. Both decide the layer digest, so the
/// defaults are fixed, and the output never depends on the number of cores (see
/// <see cref="ChunkedCompressionStream"/>).
/// </summary>
public sealed record LayerCompression(LayerCompressionKind Kind, int Level)
{
    /// <summary>gzip's level when none is given (chosen by measurement: `docs/benchmarks.md`).</summary>
    public const int DefaultGzipLevel = 6;

    /// <summary>zstd's level when none is given (zstd's own default).</summary>
    public const int DefaultZstdLevel = 3;

    /// <summary>The default: gzip at <see cref="DefaultGzipLevel"/>.</summary>
    public static LayerCompression Gzip { get; } = new(LayerCompressionKind.Gzip, DefaultGzipLevel);

    /// <summary>zstd at <see cref="DefaultZstdLevel"/>.</summary>
    public static LayerCompression Zstd { get; } = new(LayerCompressionKind.Zstd, DefaultZstdLevel);

    /// <summary>The OCI media type of layers written this way.</summary>
    public string MediaType => Kind == LayerCompressionKind.Zstd ? OciMediaTypes.ZstdLayer : OciMediaTypes.GzipLayer;

    /// <summary>Short text for cache keys and messages: `gzip:6`, `zstd:3`.</summary>
    public override string ToString() =>
        (Kind == LayerCompressionKind.Zstd ? "zstd:" : "gzip:") + Level.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses `gzip`, `gzip:1-9`, `zstd` or `zstd:1-19` (<paramref name="source"/> names the flag or
    /// attribute in the error).
    /// </summary>
    public static LayerCompression Parse(string text, string source = "--compression")
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text;
        string? levelText = null;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = text[..colon];
            levelText = text[(colon + 1)..];
        }
        (LayerCompressionKind kind, int defaultLevel, int max) = name.Trim().ToLowerInvariant() switch
        {
            CompressionLevels.Gzip => (LayerCompressionKind.Gzip, DefaultGzipLevel, CompressionLevels.GzipMax),
            CompressionLevels.Zstd => (LayerCompressionKind.Zstd, DefaultZstdLevel, CompressionLevels.ZstdMax),
            _ => throw new ImageDslException(ErrorKind.Configuration,
                $"{source} '{text}' is not a known compression", "Use gzip, gzip:<1-9>, zstd or zstd:<1-19>."),
        };
        int level = defaultLevel;
        if (levelText is not null
            && (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out level) || level < 1 || level > max))
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"{source} '{text}' has a level outside 1-{max}", $"Write {name.Trim().ToLowerInvariant()}:<1-{max}>.");
        }
        return new LayerCompression(kind, level);
    }

    /// <summary>
    /// Names this compression's entries in the layer cache. It carries the encoder's generation as
    /// well as the level: a cached blob stands for "the bytes this tool writes", so when an encoder
    /// change alters those bytes (gzip generation 2: our own deflate in place of .NET's zlib-ng; for
    /// zstd, an update of ZstdSharp that writes other bytes), old entries must not be found, or a warm
    /// build would differ from a fresh one. `ParallelCompressionTests` pins the bytes of each, so such a
    /// change fails a test until the generation here moves.
    /// </summary>
    internal string CacheName =>
        (Kind == LayerCompressionKind.Zstd ? "zstd-" : "gzip-v2-") + Level.ToString(CultureInfo.InvariantCulture);

    /// <summary>The chunk codec that writes this compression.</summary>
    internal IChunkCodec CreateCodec() =>
        Kind == LayerCompressionKind.Zstd ? new ZstdChunkCodec(Level) : new GzipChunkCodec(Level);
}
