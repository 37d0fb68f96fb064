namespace ImageDsl.Apk.Versions;

/// <summary>
/// A hand-written scanner equivalent to apko's version regex
/// <c>^([0-9]+)((\.[0-9]+)*)([a-z]?)((_alpha|_beta|_pre|_rc)([0-9]*))?((_cvs|_svn|_git|_hg|_p)([0-9]*))?((-r)([0-9]+))?$</c>;
/// the index holds thousands of versions, so it avoids the regex engine and substrings.
/// </summary>
internal static class ApkVersionParser
{
    private static readonly (string Text, PreReleaseSuffix Value)[] PreSuffixes =
        [("_alpha", PreReleaseSuffix.Alpha), ("_beta", PreReleaseSuffix.Beta), ("_pre", PreReleaseSuffix.Pre), ("_rc", PreReleaseSuffix.Rc)];

    private static readonly (string Text, PostReleaseSuffix Value)[] PostSuffixes =
        [("_cvs", PostReleaseSuffix.Cvs), ("_svn", PostReleaseSuffix.Svn), ("_git", PostReleaseSuffix.Git), ("_hg", PostReleaseSuffix.Hg), ("_p", PostReleaseSuffix.P)];

    public static bool TryParse(string? text, out ApkVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        ReadOnlySpan<char> s = text;
        int i = 0;
        // Numbers: digits ('.' digits)*; count the components first so the array is allocated once.
        int count = 1;
        for (int j = 0; j < s.Length && (char.IsAsciiDigit(s[j]) || s[j] == '.'); j++)
        {
            if (s[j] == '.')
            {
                count++;
            }
        }
        long[] numbers = new long[count];
        for (int n = 0; n < count; n++)
        {
            if (n > 0)
            {
                if (i >= s.Length || s[i] != '.')
                {
                    return false;
                }
                i++;
            }
            if (!ReadNumber(s, ref i, required: true, out numbers[n]))
            {
                return false;
            }
        }
        char letter = '\0';
        if (i < s.Length && s[i] is >= 'a' and <= 'z')
        {
            letter = s[i++];
        }
        var pre = PreReleaseSuffix.None;
        long preNumber = 0;
        foreach (var (suffix, value) in PreSuffixes)
        {
            if (s[i..].StartsWith(suffix, StringComparison.Ordinal))
            {
                i += suffix.Length;
                pre = value;
                if (!ReadNumber(s, ref i, required: false, out preNumber))
                {
                    return false;
                }
                break;
            }
        }
        var post = PostReleaseSuffix.None;
        long postNumber = 0;
        foreach (var (suffix, value) in PostSuffixes)
        {
            if (s[i..].StartsWith(suffix, StringComparison.Ordinal))
            {
                i += suffix.Length;
                post = value;
                if (!ReadNumber(s, ref i, required: false, out postNumber))
                {
                    return false;
                }
                break;
            }
        }
        long revision = 0;
        if (s[i..].StartsWith("-r", StringComparison.Ordinal))
        {
            i += 2;
            if (!ReadNumber(s, ref i, required: true, out revision))
            {
                return false;
            }
        }
        if (i != s.Length)
        {
            return false;
        }
        version = ApkVersion.Create(text, numbers, letter, pre, preNumber, post, postNumber, revision);
        return true;
    }

    /// <summary>Reads decimal digits as a 64-bit integer (apko uses Go's Atoi: overflow is invalid).</summary>
    private static bool ReadNumber(ReadOnlySpan<char> s, ref int i, bool required, out long value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            int digit = s[i] - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                return false;
            }
            value = value * 10 + digit;
            i++;
        }
        return !required || i > start;
    }
}
