namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// ldconfig's string table (glibc elf/stringtable.c): distinct NUL-terminated strings, ordered by
/// their reversed bytes, descending, with a string that ends another sharing its bytes. Reproducing
/// the order exactly is what makes our cache byte-identical to ldconfig's.
/// </summary>
internal sealed class StringTable
{
    private StringTable(byte[] bytes, Dictionary<byte[], int> offsets)
    {
        Bytes = bytes;
        Offsets = offsets;
    }

    /// <summary>The table, every string followed by a NUL.</summary>
    public byte[] Bytes { get; }

    /// <summary>Each string's offset within <see cref="Bytes"/> (compared by content).</summary>
    public IReadOnlyDictionary<byte[], int> Offsets { get; }

    public static StringTable Build(IEnumerable<byte[]> strings)
    {
        var offsets = new Dictionary<byte[], int>(ByteArrayEquality.Instance);
        var distinct = strings.Distinct(ByteArrayEquality.Instance).ToList();
        if (distinct.Count == 0)
        {
            return new StringTable([], offsets);
        }
        distinct.Sort(TailCompare);

        // Share a tail only with the string just before, as glibc does.
        int size = 0;
        byte[]? previous = null;
        int previousOffset = 0;
        foreach (byte[] current in distinct)
        {
            int offset;
            if (previous is not null && previous.AsSpan().EndsWith(current))
            {
                offset = previousOffset + previous.Length - current.Length;
            }
            else
            {
                offset = size;
                size += current.Length + 1;
            }
            offsets[current] = offset;
            previous = current;
            previousOffset = offset;
        }

        var bytes = new byte[size];
        foreach (var (text, offset) in offsets)
        {
            text.CopyTo(bytes, offset);
        }
        return new StringTable(bytes, offsets);
    }

    // glibc's tail_cmp: compare from the last byte backwards, larger byte first; on a common tail
    // the longer string first (so the shorter one can share it).
    private static int TailCompare(byte[] left, byte[] right)
    {
        int common = Math.Min(left.Length, right.Length);
        for (int i = 1; i <= common; i++)
        {
            int c = right[^i].CompareTo(left[^i]);
            if (c != 0)
            {
                return c;
            }
        }
        return right.Length.CompareTo(left.Length);
    }

    private sealed class ByteArrayEquality : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayEquality Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
