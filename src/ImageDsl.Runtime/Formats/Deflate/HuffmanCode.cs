namespace ImageDsl.Formats.Deflate;

/// <summary>
/// Builds a length-limited Huffman code from symbol frequencies and its canonical codewords
/// (RFC 1951 3.2.2), bit-reversed for deflate's least-significant-bit-first packing. Every step is
/// a pure function of the frequencies (ties broken by symbol), so equal blocks get equal codes.
/// </summary>
internal static class HuffmanCode
{
    /// <summary>
    /// Fills <paramref name="lengths"/> (one per symbol of <paramref name="frequencies"/>) with code
    /// lengths no longer than <paramref name="maxBits"/>; unused symbols get 0. Deflate decoders need
    /// at least two codes (zlib's rule), so fewer used symbols are padded with symbols 0 and 1.
    /// </summary>
    public static void BuildLengths(ReadOnlySpan<int> frequencies, Span<byte> lengths, int maxBits)
    {
        int count = frequencies.Length;
        Span<int> freq = stackalloc int[count];
        frequencies.CopyTo(freq);
        lengths.Clear();
        int used = 0;
        foreach (int f in freq)
        {
            used += f > 0 ? 1 : 0;
        }
        for (int symbol = 0; used < 2 && symbol < count; symbol++)
        {
            if (freq[symbol] == 0)
            {
                freq[symbol] = 1;
                used++;
            }
        }

        // Leaves in increasing frequency, ties by symbol: the order both the tree and the final
        // assignment of lengths rest on.
        Span<int> leaves = stackalloc int[used];
        Span<long> keys = stackalloc long[used];
        int n = 0;
        for (int symbol = 0; symbol < count; symbol++)
        {
            if (freq[symbol] > 0)
            {
                leaves[n] = symbol;
                keys[n] = ((long)freq[symbol] << 16) | (uint)symbol;
                n++;
            }
        }
        keys.Sort(leaves);

        Span<int> bitCounts = stackalloc int[Math.Max(maxBits, n) + 1];
        bitCounts.Clear();
        CountDepths(freq, leaves, bitCounts);
        LimitDepths(bitCounts, maxBits);

        // The longest codes go to the least frequent symbols.
        int next = 0;
        for (int bits = maxBits; bits >= 1; bits--)
        {
            for (int k = 0; k < bitCounts[bits]; k++)
            {
                lengths[leaves[next++]] = (byte)bits;
            }
        }
    }

    /// <summary>Canonical codewords of <paramref name="lengths"/>, bit-reversed.</summary>
    public static void BuildCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        Span<int> perLength = stackalloc int[16];
        perLength.Clear();
        foreach (byte length in lengths)
        {
            perLength[length]++;
        }
        perLength[0] = 0;
        Span<int> nextCode = stackalloc int[16];
        int code = 0;
        for (int bits = 1; bits < 16; bits++)
        {
            code = (code + perLength[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        for (int symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            codes[symbol] = length == 0 ? (ushort)0 : Reverse(nextCode[length]++, length);
        }
    }

    private static ushort Reverse(int code, int length)
    {
        int reversed = 0;
        for (int i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | (code & 1);
            code >>= 1;
        }
        return (ushort)reversed;
    }

    /// <summary>
    /// Builds the unlimited Huffman tree of the sorted leaves with the two-queue method and counts
    /// leaves per depth into <paramref name="bitCounts"/> (depths clamped to its last index).
    /// </summary>
    private static void CountDepths(ReadOnlySpan<int> freq, ReadOnlySpan<int> leaves, Span<int> bitCounts)
    {
        int n = leaves.Length;
        Span<long> weight = stackalloc long[2 * n];
        Span<int> parent = stackalloc int[2 * n];
        for (int i = 0; i < n; i++)
        {
            weight[i] = freq[leaves[i]];
        }
        int leaf = 0;
        int node = n;
        for (int next = n; next < 2 * n - 1; next++)
        {
            int first = TakeSmallest(weight, ref leaf, n, ref node, next);
            int second = TakeSmallest(weight, ref leaf, n, ref node, next);
            weight[next] = weight[first] + weight[second];
            parent[first] = next;
            parent[second] = next;
        }
        // Parents always come after their children, so depths fill from the root down.
        Span<int> depth = stackalloc int[2 * n];
        int root = 2 * n - 2;
        depth[root] = 0;
        for (int i = root - 1; i >= 0; i--)
        {
            depth[i] = depth[parent[i]] + 1;
        }
        int deepest = bitCounts.Length - 1;
        for (int i = 0; i < n; i++)
        {
            bitCounts[Math.Min(depth[i], deepest)]++;
        }
    }

    private static int TakeSmallest(Span<long> weight, ref int leaf, int leafEnd, ref int node, int nodeEnd)
    {
        if (leaf < leafEnd && (node >= nodeEnd || weight[leaf] <= weight[node]))
        {
            return leaf++;
        }
        return node++;
    }

    /// <summary>
    /// Moves leaves deeper than <paramref name="maxBits"/> up to it, then restores the Kraft
    /// equality (a complete code) by pushing the deepest shallower leaves one level down at a time.
    /// </summary>
    private static void LimitDepths(Span<int> bitCounts, int maxBits)
    {
        for (int bits = maxBits + 1; bits < bitCounts.Length; bits++)
        {
            bitCounts[maxBits] += bitCounts[bits];
            bitCounts[bits] = 0;
        }
        long kraft = 0;
        for (int bits = 1; bits <= maxBits; bits++)
        {
            kraft += (long)bitCounts[bits] << (maxBits - bits);
        }
        long limit = 1L << maxBits;
        while (kraft > limit)
        {
            int bits = maxBits - 1;
            while (bitCounts[bits] == 0)
            {
                bits--;
            }
            bitCounts[bits]--;
            bitCounts[bits + 1]++;
            kraft -= 1L << (maxBits - bits - 1);
        }
        // Pushing a shallow leaf down may overshoot and leave the code incomplete, which inflaters
        // refuse; lifting the deepest leaves fills the gap exactly (it is a multiple of their weight).
        while (kraft < limit)
        {
            int bits = maxBits;
            while (bitCounts[bits] == 0)
            {
                bits--;
            }
            bitCounts[bits]--;
            bitCounts[bits - 1]++;
            kraft += 1L << (maxBits - bits);
        }
    }
}
