using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Assembling.LdSoCache;

/// <summary>
/// glob(3) over a <see cref="FileTree"/>: `*`, `?`, `[...]` (ranges, `!`/`^` negation) and `\`
/// escapes, component by component; wildcards never match `/` nor a leading `.`; results sorted
/// byte-wise per folder, symlinks followed inside the tree. Only what `include` lines need.
/// </summary>
internal static class TreeGlob
{
    /// <summary>The absolute paths that exist and match <paramref name="pattern"/> (read as absolute).</summary>
    public static IReadOnlyList<string> Match(FileTree tree, string pattern)
    {
        var current = new List<string> { "" };
        foreach (string part in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (string folder in current)
            {
                if (part.IndexOfAny(['*', '?', '[']) < 0)
                {
                    string literal = folder + "/" + part.Replace("\\", "", StringComparison.Ordinal);
                    if (LdSoPaths.Lookup(tree, literal) is not null)
                    {
                        next.Add(literal);
                    }
                    continue;
                }
                if (LdSoPaths.Lookup(tree, folder) is not { IsDirectory: true } dir)
                {
                    continue;
                }
                foreach (string name in dir.ChildNames)
                {
                    if ((!name.StartsWith('.') || part.StartsWith('.')) && Matches(part, 0, name, 0))
                    {
                        next.Add(folder + "/" + name);
                    }
                }
            }
            current = next;
        }
        return current.Where(p => p.Length > 0).ToList();
    }

    /// <summary>fnmatch(3) without flags beyond "no `/` in names".</summary>
    internal static bool Matches(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            switch (c)
            {
                case '*':
                    for (int rest = n; rest <= name.Length; rest++)
                    {
                        if (Matches(pattern, p + 1, name, rest))
                        {
                            return true;
                        }
                    }
                    return false;
                case '?':
                    if (n >= name.Length)
                    {
                        return false;
                    }
                    p++;
                    n++;
                    continue;
                case '[':
                    if (n >= name.Length || BracketEnd(pattern, p) is not { } end)
                    {
                        goto default;
                    }
                    if (!InBracket(pattern, p + 1, end, name[n]))
                    {
                        return false;
                    }
                    p = end + 1;
                    n++;
                    continue;
                default:
                    if (c == '\\' && p + 1 < pattern.Length)
                    {
                        c = pattern[++p];
                    }
                    if (n >= name.Length || name[n] != c)
                    {
                        return false;
                    }
                    p++;
                    n++;
                    continue;
            }
        }
        return n == name.Length;
    }

    // The index of the `]` closing the bracket expression opened at `open`, or null (then `[` is literal).
    private static int? BracketEnd(string pattern, int open)
    {
        int i = open + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }
        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == ']')
            {
                return i;
            }
        }
        return null;
    }

    private static bool InBracket(string pattern, int start, int end, char c)
    {
        bool negate = pattern[start] is '!' or '^';
        int i = negate ? start + 1 : start;
        bool found = false;
        bool first = true;
        while (i < end)
        {
            char low = pattern[i];
            if (low == '\\' && i + 1 < end && !first)
            {
                low = pattern[++i];
            }
            first = false;
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                char high = pattern[i + 2];
                found |= c >= low && c <= high;
                i += 3;
            }
            else
            {
                found |= c == low;
                i++;
            }
        }
        return found != negate;
    }
}
