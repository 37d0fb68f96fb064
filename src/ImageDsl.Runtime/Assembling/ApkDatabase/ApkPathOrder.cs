namespace ImageDsl.Assembling.ApkDatabase;

/// <summary>
/// apk's database order: a depth-first walk where, inside each directory, its files come before its
/// subdirectories, each group in ordinal order. Every `R:` then follows its own directory's `F:`.
/// </summary>
public sealed class ApkPathOrder : IComparer<InstalledPath>
{
    /// <summary>The shared instance.</summary>
    public static ApkPathOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(InstalledPath? x, InstalledPath? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        string[] a = Split(x.Path);
        string[] b = Split(y.Path);
        int common = Math.Min(a.Length, b.Length);
        for (int i = 0; i < common; i++)
        {
            int c = string.CompareOrdinal(a[i], b[i]);
            if (c == 0)
            {
                continue;
            }
            bool aLeafFile = i == a.Length - 1 && !x.IsDirectory;
            bool bLeafFile = i == b.Length - 1 && !y.IsDirectory;
            if (aLeafFile != bLeafFile)
            {
                return aLeafFile ? -1 : 1;
            }
            return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static string[] Split(string path) => path.Length == 0 ? [] : path.Split('/');
}
