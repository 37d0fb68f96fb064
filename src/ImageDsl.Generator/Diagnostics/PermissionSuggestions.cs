using System;
using System.Globalization;
using System.Text.RegularExpressions;
using ImageDsl.Rules;

namespace ImageDsl.Generator.Diagnostics;

/// <summary>What a mistyped permissions string most likely meant, written as <c>0755</c>.</summary>
internal static class PermissionSuggestions
{
    private static readonly Regex Symbolic = new Regex(
        "^[-dlcbps]?([r-])([w-])([xsS-])([r-])([w-])([xsS-])([r-])([w-])([xtT-])$", RegexOptions.CultureInvariant);

    /// <summary>True for text that parses as octal but has no leading 0 or 0o (e.g. <c>755</c>).</summary>
    public static bool LacksLeadingZero(string text) => !text.StartsWith("0", StringComparison.Ordinal);

    /// <summary>The canonical C# spelling of <paramref name="bits"/>: 0 and at least three octal digits.</summary>
    public static string Format(uint bits) => "0" + Convert.ToString(bits, 8).PadLeft(3, '0');

    /// <summary>
    /// A replacement for text that is not octal permissions, or null when nothing sensible exists:
    /// <c>rwxr-xr-x</c> (as <c>ls -l</c> prints it) → <c>0755</c>; <c>0x755</c> (a hex prefix on octal
    /// digits) → <c>0755</c>; <c>493</c> (a decimal number with 8 or 9 in it) → its octal form.
    /// </summary>
    public static string? Suggest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string t = text!.Trim();
        if (t != text && ImageRules.TryParseOctal(t, out uint trimmed))
        {
            return Format(trimmed);
        }
        Match symbolic = Symbolic.Match(t);
        if (symbolic.Success)
        {
            return Format(FromSymbolic(symbolic));
        }
        if ((t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) && ImageRules.TryParseOctal(t.Substring(2), out uint hexPrefixed))
        {
            return Format(hexPrefixed);
        }
        if (!t.StartsWith("0", StringComparison.Ordinal)
            && uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out uint decimalValue)
            && decimalValue <= 0xFFF)
        {
            return Format(decimalValue);
        }
        return null;
    }

    private static uint FromSymbolic(Match m)
    {
        uint bits = 0;
        string[] groups = new string[9];
        for (int i = 0; i < 9; i++)
        {
            groups[i] = m.Groups[i + 1].Value;
        }
        for (int who = 0; who < 3; who++)
        {
            string r = groups[who * 3], w = groups[who * 3 + 1], x = groups[who * 3 + 2];
            uint shift = (uint)(2 - who) * 3;
            if (r == "r")
            {
                bits |= 4u << (int)shift;
            }
            if (w == "w")
            {
                bits |= 2u << (int)shift;
            }
            if (x is "x" or "s" or "t")
            {
                bits |= 1u << (int)shift;
            }
            if (x is "s" or "S" or "t" or "T")
            {
                bits |= who switch { 0 => 0x800u, 1 => 0x400u, _ => 0x200u };
            }
        }
        return bits;
    }
}
