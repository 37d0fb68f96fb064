namespace ImageDsl.Formats.Deflate;

/// <summary>
/// How hard the encoder looks for matches at one level: how many earlier positions with the same
/// hash it tries, the length at which it stops looking, and whether it defers a match by one byte
/// when the next position starts a longer one (lazy matching, as zlib from level 4 up).
/// </summary>
/// <param name="Depth">Candidates tried per position.</param>
/// <param name="NiceLength">A match this long is taken at once.</param>
/// <param name="Lazy">Whether to try the next position before taking a match.</param>
internal readonly record struct DeflateLevel(int Depth, int NiceLength, bool Lazy)
{
    /// <summary>
    /// Levels 1..9 (search depths and nice lengths modelled on libdeflate's levels). Measured on a
    /// real layer (docs/benchmarks.md "Our deflate encoder"): level 6, the default, is the fastest
    /// with a margin under 1 % of `gzip -6`'s size (level 5 sits at 0.9998 of it).
    /// </summary>
    public static DeflateLevel Of(int level) => level switch
    {
        <= 1 => new(2, 8, Lazy: false),
        2 => new(6, 10, Lazy: false),
        3 => new(12, 14, Lazy: false),
        4 => new(16, 30, Lazy: false),
        5 => new(16, 30, Lazy: true),
        6 => new(35, 65, Lazy: true),
        7 => new(100, 130, Lazy: true),
        8 => new(300, 258, Lazy: true),
        _ => new(600, 258, Lazy: true),
    };
}
