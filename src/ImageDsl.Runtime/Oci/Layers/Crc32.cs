namespace ImageDsl.Oci;

/// <summary>
/// CRC-32 (IEEE, as gzip uses) of independent chunks, and the combination of two chunk CRCs into
/// the CRC of their concatenation, so chunks compressed on different cores still give the gzip
/// trailer of the whole stream.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> (0 to start) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        int i = 0;
        // Slicing by 8: eight table lookups per 8 bytes instead of a dependency chain per byte.
        for (; i + 8 <= data.Length; i += 8)
        {
            c ^= (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            uint high = (uint)(data[i + 4] | data[i + 5] << 8 | data[i + 6] << 16 | data[i + 7] << 24);
            c = Table[(7 * 256) + (c & 0xFF)] ^ Table[(6 * 256) + ((c >> 8) & 0xFF)]
                ^ Table[(5 * 256) + ((c >> 16) & 0xFF)] ^ Table[(4 * 256) + (c >> 24)]
                ^ Table[(3 * 256) + (high & 0xFF)] ^ Table[(2 * 256) + ((high >> 8) & 0xFF)]
                ^ Table[256 + ((high >> 16) & 0xFF)] ^ Table[high >> 24];
        }
        for (; i < data.Length; i++)
        {
            c = Table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        }
        return ~c;
    }

    /// <summary>
    /// The CRC of A followed by B from crc(A), crc(B) and B's length (zlib's crc32_combine: multiply
    /// crc(A) by x^(8·lengthB) modulo the polynomial, by repeated squaring of the shift operator).
    /// </summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        if (lengthB <= 0)
        {
            return crcA;
        }
        Span<uint> even = stackalloc uint[32];
        Span<uint> odd = stackalloc uint[32];
        odd[0] = Polynomial;
        uint row = 1;
        for (int n = 1; n < 32; n++)
        {
            odd[n] = row;
            row <<= 1;
        }
        Square(even, odd); // two zero bits
        Square(odd, even); // four zero bits
        do
        {
            Square(even, odd);
            if ((lengthB & 1) != 0)
            {
                crcA = Times(even, crcA);
            }
            lengthB >>= 1;
            if (lengthB == 0)
            {
                break;
            }
            Square(odd, even);
            if ((lengthB & 1) != 0)
            {
                crcA = Times(odd, crcA);
            }
            lengthB >>= 1;
        }
        while (lengthB != 0);
        return crcA ^ crcB;
    }

    private static uint Times(ReadOnlySpan<uint> matrix, uint vector)
    {
        uint sum = 0;
        for (int i = 0; vector != 0; i++, vector >>= 1)
        {
            if ((vector & 1) != 0)
            {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void Square(Span<uint> square, ReadOnlySpan<uint> matrix)
    {
        for (int n = 0; n < 32; n++)
        {
            square[n] = Times(matrix, matrix[n]);
        }
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        for (int n = 0; n < 256; n++)
        {
            for (int slice = 1; slice < 8; slice++)
            {
                uint previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = table[previous & 0xFF] ^ (previous >> 8);
            }
        }
        return table;
    }
}
