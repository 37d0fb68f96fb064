namespace ImageDsl.Assembling.FileSystem;

/// <summary>
/// Orders names by their UTF-8 bytes, as Go's sort and tar readers do. UTF-16 ordinal order differs
/// only for characters above U+FFFF against U+E000..U+FFFF, but that is enough to change a layer's bytes.
/// </summary>
public sealed class Utf8OrdinalComparer : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static Utf8OrdinalComparer Instance { get; } = new();

    private Utf8OrdinalComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        int length = Math.Min(x.Length, y.Length);
        for (int i = 0; i < length; i++)
        {
            char a = x[i];
            char b = y[i];
            if (a == b)
            {
                continue;
            }
            // Surrogates encode code points above U+FFFF, which sort after every BMP character in UTF-8.
            bool sa = char.IsSurrogate(a);
            bool sb = char.IsSurrogate(b);
            if (sa != sb)
            {
                return sa ? 1 : -1;
            }
            return a.CompareTo(b);
        }
        return x.Length.CompareTo(y.Length);
    }
}
