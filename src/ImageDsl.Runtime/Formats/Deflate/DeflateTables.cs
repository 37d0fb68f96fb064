namespace ImageDsl.Formats.Deflate;

/// <summary>
/// The fixed tables of the deflate format (RFC 1951 section 3.2.5): which symbol and extra bits
/// code a match length or distance.
/// </summary>
internal static class DeflateTables
{
    /// <summary>Literal/length symbols: 256 literals, end-of-block, 29 length codes.</summary>
    public const int LitLenSymbols = 286;

    /// <summary>Distance symbols.</summary>
    public const int DistSymbols = 30;

    /// <summary>Code-length alphabet (HCLEN) symbols.</summary>
    public const int CodeLengthSymbols = 19;

    /// <summary>The end-of-block symbol.</summary>
    public const int EndOfBlock = 256;

    /// <summary>Shortest and longest match deflate can code.</summary>
    public const int MinMatch = 3;

    public const int MaxMatch = 258;

    /// <summary>Farthest back a match may reach.</summary>
    public const int WindowSize = 32768;

    /// <summary>The order code-length code lengths are sent in.</summary>
    public static ReadOnlySpan<byte> CodeLengthOrder => [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    public static ReadOnlySpan<ushort> LengthBase =>
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    public static ReadOnlySpan<byte> LengthExtra =>
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    public static ReadOnlySpan<ushort> DistBase =>
        [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];

    public static ReadOnlySpan<byte> DistExtra =>
        [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    /// <summary>Length code index (0..28, add 257 for the symbol) of every match length 3..258, indexed by length.</summary>
    public static readonly byte[] LengthCode = BuildLengthCodes();

    /// <summary>
    /// Distance code of distance d: <c>DistCode[d - 1]</c> below 257, else <c>DistCode[256 + ((d - 1) &gt;&gt; 7)]</c>
    /// (codes above 15 all span multiples of 128).
    /// </summary>
    public static readonly byte[] DistCode = BuildDistCodes();

    /// <summary>The fixed Huffman code's literal/length lengths (RFC 1951 3.2.6), 288 symbols.</summary>
    public static readonly byte[] FixedLitLenLengths = BuildFixedLengths();

    /// <summary>The distance code of a distance 1..32768.</summary>
    public static int DistanceSymbol(int distance) =>
        distance <= 256 ? DistCode[distance - 1] : DistCode[256 + ((distance - 1) >> 7)];

    private static byte[] BuildLengthCodes()
    {
        var codes = new byte[MaxMatch + 1];
        for (int code = 0; code < LengthBase.Length; code++)
        {
            int first = LengthBase[code];
            int last = code + 1 < LengthBase.Length ? LengthBase[code + 1] - 1 : MaxMatch;
            // 258 has its own code (28) although code 27's range would reach it with its extra bits.
            for (int length = first; length <= last && length <= MaxMatch; length++)
            {
                codes[length] = (byte)code;
            }
        }
        codes[MaxMatch] = 28;
        return codes;
    }

    private static byte[] BuildDistCodes()
    {
        var codes = new byte[512];
        for (int code = 0; code < DistSymbols; code++)
        {
            int first = DistBase[code];
            int last = first + (1 << DistExtra[code]) - 1;
            for (int distance = first; distance <= last; distance++)
            {
                if (distance <= 256)
                {
                    codes[distance - 1] = (byte)code;
                }
                else
                {
                    codes[256 + ((distance - 1) >> 7)] = (byte)code;
                }
            }
        }
        return codes;
    }

    private static byte[] BuildFixedLengths()
    {
        var lengths = new byte[288];
        for (int symbol = 0; symbol < 288; symbol++)
        {
            lengths[symbol] = symbol switch { < 144 => 8, < 256 => 9, < 280 => 7, _ => 8 };
        }
        return lengths;
    }
}
