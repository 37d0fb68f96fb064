namespace ImageDsl.Rules;

/// <summary>
/// The layer compression names and level ranges, shared by the generator's check (IMG0045) and the
/// runtime's parser of <c>--compression</c>, so both accept exactly the same values.
/// </summary>
internal static class CompressionLevels
{
    /// <summary>gzip's name as `--compression` spells it.</summary>
    public const string Gzip = "gzip";

    /// <summary>zstd's name as `--compression` spells it.</summary>
    public const string Zstd = "zstd";

    /// <summary>gzip's highest level (zlib's).</summary>
    public const int GzipMax = 9;

    /// <summary>zstd's highest level accepted (19: the levels above it need far more memory to write and read).</summary>
    public const int ZstdMax = 19;

    /// <summary>The highest level of <paramref name="name"/> (`gzip` or `zstd`), or 0 when the name is unknown.</summary>
    public static int MaxLevel(string? name) => name switch
    {
        Gzip => GzipMax,
        Zstd => ZstdMax,
        _ => 0,
    };

    /// <summary>True when <paramref name="level"/> is a level of <paramref name="name"/>.</summary>
    public static bool IsValid(string name, int level) => level >= 1 && level <= MaxLevel(name);

    /// <summary>
    /// The `--compression` text of a declared algorithm: `gzip` or `zstd` when <paramref name="level"/> is null
    /// (the algorithm's default), else `name:level`.
    /// </summary>
    public static string Text(string name, int? level) =>
        level is { } l ? name + ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
}
