using System.Globalization;
using System.Text;

namespace ImageDsl.Config.CSharp;

/// <summary>C# string literals for hand-readable source: raw literals for multi-line text such as PEM.</summary>
internal static class CSharpLiteral
{
    /// <summary>A quoted, escaped literal: <c>"a\"b"</c>.</summary>
    public static string Quoted(string value)
    {
        var text = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool pairedSurrogate = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                // Control characters and unpaired surrogates would not survive a UTF-8 source file;
                // U+2028/U+2029 (and U+0085, a control) end a line in C#, so raw they break the literal.
                _ when NeedsEscape(c) || (char.IsSurrogate(c) && !pairedSurrogate) =>
                    "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// A literal for <paramref name="value"/>: a raw string literal (lines indented by
    /// <paramref name="indent"/>) when the text spans lines and a raw literal can hold it exactly,
    /// else <see cref="Quoted"/>.
    /// </summary>
    public static string Best(string value, string indent)
    {
        if (!CanBeRaw(value))
        {
            return Quoted(value);
        }
        string quotes = new('"', Math.Max(3, LongestQuoteRun(value) + 1));
        var text = new StringBuilder(quotes).Append('\n');
        foreach (string line in value.Split('\n'))
        {
            text.Append(line.Length == 0 ? "" : indent + line).Append('\n');
        }
        // The newline before the closing quotes is not part of the value, so a trailing '\n' in the
        // value shows as the empty line the split produced above.
        return text.Append(indent).Append(quotes).ToString();
    }

    private static bool CanBeRaw(string value)
    {
        if (!value.Contains('\n') || value.StartsWith('"') || value.EndsWith('"'))
        {
            return false;
        }
        foreach (char c in value)
        {
            if (c != '\n' && NeedsEscape(c))
            {
                return false;
            }
        }
        // A line holding only white space would be read as blank, losing its characters.
        foreach (string line in value.Split('\n'))
        {
            if (line.Length > 0 && string.IsNullOrWhiteSpace(line))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Characters C# does not take raw in a literal (control characters, among them the new-line
    /// U+0085, and the line and paragraph separators U+2028/U+2029), and the bidirectional formatting
    /// characters, which take no room on screen yet reorder what a reviewer sees ("Trojan Source").
    /// </summary>
    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static int LongestQuoteRun(string value)
    {
        int longest = 0, run = 0;
        foreach (char c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
