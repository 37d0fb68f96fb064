namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// glibc's `_dl_cache_libcmp`: byte-wise, except that runs of digits compare as numbers and a digit
/// sorts after any other character (`libfoo.so.10` &gt; `libfoo.so.9`, `libz2` &gt; `libz.`). ld.so
/// binary-searches the cache with it, so the entries must be sorted by exactly this order.
/// </summary>
public sealed class LibraryNameComparer : IComparer<byte[]>
{
    private readonly bool _signedChar;

    private LibraryNameComparer(bool signedChar) => _signedChar = signedChar;

    /// <summary>
    /// For ld.so builds where `char` is signed (x86, x86_64, loongarch): bytes 0x80.. sort before ASCII.
    /// Only names with non-ASCII bytes see the difference.
    /// </summary>
    public static LibraryNameComparer SignedChar { get; } = new(signedChar: true);

    /// <summary>For ld.so builds where `char` is unsigned (arm, aarch64, ppc64le, riscv64, s390x).</summary>
    public static LibraryNameComparer UnsignedChar { get; } = new(signedChar: false);

    /// <inheritdoc />
    public int Compare(byte[]? x, byte[]? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int i = 0, j = 0;
        while (i < x.Length)
        {
            if (IsDigit(x[i]))
            {
                if (j >= y.Length || !IsDigit(y[j]))
                {
                    return 1;
                }
                // int arithmetic that wraps like glibc's on absurdly long digit runs.
                int a = 0, b = 0;
                unchecked
                {
                    while (i < x.Length && IsDigit(x[i]))
                    {
                        a = a * 10 + (x[i++] - '0');
                    }
                    while (j < y.Length && IsDigit(y[j]))
                    {
                        b = b * 10 + (y[j++] - '0');
                    }
                    if (a != b)
                    {
                        return a - b;
                    }
                }
            }
            else if (j < y.Length && IsDigit(y[j]))
            {
                return -1;
            }
            else if (j >= y.Length || x[i] != y[j])
            {
                return Char(x, i) - Char(y, j);
            }
            else
            {
                i++;
                j++;
            }
        }
        return Char(x, i) - Char(y, j);
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    // The C string's byte at `at` (NUL past the end), as the platform's `char` promotes to int.
    private int Char(byte[] s, int at) => at >= s.Length ? 0 : _signedChar ? (sbyte)s[at] : s[at];
}
