using System.Globalization;

namespace ImageDsl.Config;

/// <summary>
/// How yaml.v3 (apko's YAML library) turns plain scalars into numbers and booleans, so that a file means
/// the same here as in apko: `0o755` and `0755` are octal, `755` is decimal, `0x1ff` is hex.
/// </summary>
internal static class YamlScalars
{
    /// <summary>Resolves a plain integer the way Go's strconv.ParseInt(text, 0, 64) does, plus YAML 1.2 `0o`.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }
        bool negative = false;
        string s = text;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        int radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            (radix, s) = char.ToLowerInvariant(s[1]) switch
            {
                'x' => (16, s[2..]),
                'o' => (8, s[2..]),
                'b' => (2, s[2..]),
                _ => (8, s[1..]),
            };
        }
        // Go allows '_' between digits ("1_000", "0o7_55") when the base is inferred.
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }
        s = s.Replace("_", "", StringComparison.Ordinal);
        ulong result = 0;
        foreach (char c in s)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }
            result = (result * (ulong)radix) + (ulong)digit;
            if (result > long.MaxValue)
            {
                return false;
            }
        }
        value = negative ? -(long)result : (long)result;
        return true;
    }

    /// <summary>`true`/`false` in YAML 1.2 spellings, and yaml.v3's YAML 1.1 compatibility words for bool fields.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>True when a plain scalar with this text would read back as something other than a string.</summary>
    public static bool LooksLikeNonString(string text) =>
        text is "" or "~" or "null" or "Null" or "NULL"
        || TryParseBoolean(text, out _)
        || TryParseInteger(text, out _)
        || IsFloat(text);

    private static bool IsFloat(string text)
    {
        string lower = text.ToLowerInvariant();
        if (lower is ".inf" or "+.inf" or "-.inf" or ".nan")
        {
            return true;
        }
        return text.Length > 0
            && (char.IsAsciiDigit(text[0]) || text[0] is '.' or '+' or '-')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }
}
