namespace ImageDsl.Formats.Deflate;

/// <summary>
/// Collects one block's literals and matches with their frequencies, then writes the block in
/// whichever of deflate's three forms is smallest for it: dynamic Huffman codes, the fixed codes,
/// or stored bytes (so no block is ever larger than its input plus a few header bytes).
/// </summary>
internal sealed class DeflateBlockWriter
{
    private const int MatchFlag = unchecked((int)0x8000_0000);

    private readonly int[] _symbols;
    private readonly int[] _litLenFreq = new int[DeflateTables.LitLenSymbols];
    private readonly int[] _distFreq = new int[DeflateTables.DistSymbols];
    private readonly byte[] _litLenLengths = new byte[DeflateTables.LitLenSymbols];
    private readonly byte[] _distLengths = new byte[DeflateTables.DistSymbols];
    private readonly ushort[] _litLenCodes = new ushort[288];
    private readonly ushort[] _distCodes = new ushort[32];
    private readonly int[] _runs = new int[DeflateTables.LitLenSymbols + DeflateTables.DistSymbols];
    private int _count;

    /// <param name="capacity">Symbols per block at most.</param>
    public DeflateBlockWriter(int capacity) => _symbols = new int[capacity];

    /// <summary>True when the block holds as many symbols as it can.</summary>
    public bool IsFull => _count == _symbols.Length;

    /// <summary>Symbols in the block so far.</summary>
    public int Count => _count;

    public void Literal(byte value)
    {
        _symbols[_count++] = value;
        _litLenFreq[value]++;
    }

    /// <summary>A match of 3..258 bytes, 1..32768 back.</summary>
    public void Match(int length, int distance)
    {
        _symbols[_count++] = MatchFlag | (length << 16) | (distance - 1);
        _litLenFreq[257 + DeflateTables.LengthCode[length]]++;
        _distFreq[DeflateTables.DistanceSymbol(distance)]++;
    }

    /// <summary>
    /// Writes the block, whose input bytes are <paramref name="input"/> (for the stored form), and
    /// empties it.
    /// </summary>
    public void Flush(ref DeflateBitWriter writer, ReadOnlySpan<byte> input, bool final)
    {
        _litLenFreq[DeflateTables.EndOfBlock] = 1;
        HuffmanCode.BuildLengths(_litLenFreq, _litLenLengths, 15);
        HuffmanCode.BuildLengths(_distFreq, _distLengths, 15);
        int litLenCount = LastUsed(_litLenLengths, 257);
        int distCount = LastUsed(_distLengths, 1);
        int runCount = EncodeLengths(litLenCount, distCount);
        Span<int> codeLengthFreq = stackalloc int[DeflateTables.CodeLengthSymbols];
        codeLengthFreq.Clear();
        for (int i = 0; i < runCount; i++)
        {
            codeLengthFreq[_runs[i] & 0xFF]++;
        }
        Span<byte> codeLengthLengths = stackalloc byte[DeflateTables.CodeLengthSymbols];
        HuffmanCode.BuildLengths(codeLengthFreq, codeLengthLengths, 7);
        int headerCount = DeflateTables.CodeLengthSymbols;
        while (headerCount > 4 && codeLengthLengths[DeflateTables.CodeLengthOrder[headerCount - 1]] == 0)
        {
            headerCount--;
        }

        long extraBits = ExtraBits();
        long dynamicBits = 3 + 14 + (3 * headerCount) + extraBits
            + Cost(_litLenFreq, _litLenLengths) + Cost(_distFreq, _distLengths);
        for (int i = 0; i < runCount; i++)
        {
            int symbol = _runs[i] & 0xFF;
            dynamicBits += codeLengthLengths[symbol] + symbol switch { 16 => 2, 17 => 3, 18 => 7, _ => 0 };
        }
        long fixedBits = 3 + extraBits + Cost(_litLenFreq, DeflateTables.FixedLitLenLengths) + (5L * Sum(_distFreq));
        long storedBits = StoredBits(writer.BitPosition, input.Length);

        if (storedBits <= dynamicBits && storedBits <= fixedBits)
        {
            WriteStored(ref writer, input, final);
        }
        else if (fixedBits <= dynamicBits)
        {
            writer.Write(final ? 3u : 2u, 3);
            HuffmanCode.BuildCodes(DeflateTables.FixedLitLenLengths, _litLenCodes);
            Span<byte> fixedDist = stackalloc byte[32];
            fixedDist.Fill(5);
            HuffmanCode.BuildCodes(fixedDist, _distCodes);
            WriteSymbols(ref writer, DeflateTables.FixedLitLenLengths, fixedDist);
        }
        else
        {
            writer.Write(final ? 5u : 4u, 3);
            writer.Write((uint)(litLenCount - 257), 5);
            writer.Write((uint)(distCount - 1), 5);
            writer.Write((uint)(headerCount - 4), 4);
            for (int i = 0; i < headerCount; i++)
            {
                writer.Write(codeLengthLengths[DeflateTables.CodeLengthOrder[i]], 3);
            }
            Span<ushort> codeLengthCodes = stackalloc ushort[DeflateTables.CodeLengthSymbols];
            HuffmanCode.BuildCodes(codeLengthLengths, codeLengthCodes);
            for (int i = 0; i < runCount; i++)
            {
                int symbol = _runs[i] & 0xFF;
                writer.Write(codeLengthCodes[symbol], codeLengthLengths[symbol]);
                int extra = symbol switch { 16 => 2, 17 => 3, 18 => 7, _ => 0 };
                if (extra > 0)
                {
                    writer.Write((uint)(_runs[i] >> 8), extra);
                }
            }
            HuffmanCode.BuildCodes(_litLenLengths, _litLenCodes);
            HuffmanCode.BuildCodes(_distLengths, _distCodes);
            WriteSymbols(ref writer, _litLenLengths, _distLengths);
        }
        Reset();
    }

    /// <summary>Writes an empty stored block: byte-aligns the stream without ending it (zlib's sync flush).</summary>
    public static void SyncFlush(ref DeflateBitWriter writer)
    {
        writer.Write(0, 3);
        writer.AlignToByte();
        writer.WriteBytes([0, 0, 0xFF, 0xFF]);
    }

    /// <summary>Writes <paramref name="input"/> as stored blocks of at most 65535 bytes.</summary>
    public static void WriteStored(ref DeflateBitWriter writer, ReadOnlySpan<byte> input, bool final)
    {
        do
        {
            int length = Math.Min(input.Length, ushort.MaxValue);
            bool last = final && length == input.Length;
            writer.Write(last ? 1u : 0u, 3);
            writer.AlignToByte();
            writer.WriteBytes([(byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8)]);
            writer.WriteBytes(input[..length]);
            input = input[length..];
        }
        while (!input.IsEmpty);
    }

    private static long StoredBits(long bitPosition, int length)
    {
        int pieces = Math.Max(1, (length + ushort.MaxValue - 1) / ushort.MaxValue);
        // The first header's padding depends on where the stream is; later ones start aligned.
        long firstPad = (8 - ((bitPosition + 3) % 8)) % 8;
        return (pieces * (3L + 32)) + firstPad + (7L * (pieces - 1)) + (8L * length);
    }

    private void WriteSymbols(ref DeflateBitWriter writer, ReadOnlySpan<byte> litLenLengths, ReadOnlySpan<byte> distLengths)
    {
        ReadOnlySpan<ushort> lengthBase = DeflateTables.LengthBase;
        ReadOnlySpan<byte> lengthExtra = DeflateTables.LengthExtra;
        ReadOnlySpan<ushort> distBase = DeflateTables.DistBase;
        ReadOnlySpan<byte> distExtra = DeflateTables.DistExtra;
        byte[] lengthCode = DeflateTables.LengthCode;
        ushort[] litLenCodes = _litLenCodes;
        ushort[] distCodes = _distCodes;
        int[] symbols = _symbols;
        for (int i = 0; i < _count; i++)
        {
            int entry = symbols[i];
            if (entry >= 0)
            {
                writer.Write(litLenCodes[entry], litLenLengths[entry]);
                continue;
            }
            int length = (entry >> 16) & 0x1FF;
            int code = lengthCode[length];
            writer.Write(litLenCodes[257 + code], litLenLengths[257 + code]);
            writer.Write((uint)(length - lengthBase[code]), lengthExtra[code]);
            int distance = (entry & 0x7FFF) + 1;
            int distCode = DeflateTables.DistanceSymbol(distance);
            writer.Write(distCodes[distCode], distLengths[distCode]);
            writer.Write((uint)(distance - distBase[distCode]), distExtra[distCode]);
        }
        writer.Write(litLenCodes[DeflateTables.EndOfBlock], litLenLengths[DeflateTables.EndOfBlock]);
    }

    /// <summary>
    /// Run-length codes the literal/length then distance code lengths (one sequence, as RFC 1951
    /// allows) into <see cref="_runs"/>: each entry is a code-length symbol in its low byte and the
    /// repeat's extra-bits value above it. Returns the entry count.
    /// </summary>
    private int EncodeLengths(int litLenCount, int distCount)
    {
        int total = litLenCount + distCount;
        Span<byte> all = stackalloc byte[total];
        _litLenLengths.AsSpan(0, litLenCount).CopyTo(all);
        _distLengths.AsSpan(0, distCount).CopyTo(all[litLenCount..]);
        int count = 0;
        int i = 0;
        while (i < total)
        {
            byte value = all[i];
            int run = 1;
            while (i + run < total && all[i + run] == value)
            {
                run++;
            }
            i += run;
            if (value == 0)
            {
                while (run >= 11)
                {
                    int take = Math.Min(run, 138);
                    _runs[count++] = 18 | ((take - 11) << 8);
                    run -= take;
                }
                if (run >= 3)
                {
                    _runs[count++] = 17 | ((run - 3) << 8);
                    run = 0;
                }
            }
            else
            {
                _runs[count++] = value;
                run--;
                while (run >= 3)
                {
                    int take = Math.Min(run, 6);
                    _runs[count++] = 16 | ((take - 3) << 8);
                    run -= take;
                }
            }
            for (; run > 0; run--)
            {
                _runs[count++] = value;
            }
        }
        return count;
    }

    private long ExtraBits()
    {
        long bits = 0;
        for (int code = 0; code < 29; code++)
        {
            bits += (long)_litLenFreq[257 + code] * DeflateTables.LengthExtra[code];
        }
        for (int code = 0; code < DeflateTables.DistSymbols; code++)
        {
            bits += (long)_distFreq[code] * DeflateTables.DistExtra[code];
        }
        return bits;
    }

    private static long Cost(ReadOnlySpan<int> freq, ReadOnlySpan<byte> lengths)
    {
        long bits = 0;
        for (int i = 0; i < freq.Length; i++)
        {
            bits += (long)freq[i] * lengths[i];
        }
        return bits;
    }

    private static long Sum(ReadOnlySpan<int> values)
    {
        long sum = 0;
        foreach (int value in values)
        {
            sum += value;
        }
        return sum;
    }

    private static int LastUsed(ReadOnlySpan<byte> lengths, int least)
    {
        int count = lengths.Length;
        while (count > least && lengths[count - 1] == 0)
        {
            count--;
        }
        return count;
    }

    private void Reset()
    {
        _count = 0;
        Array.Clear(_litLenFreq);
        Array.Clear(_distFreq);
    }
}
