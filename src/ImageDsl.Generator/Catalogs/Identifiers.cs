using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ImageDsl.Generator.Catalogs;

/// <summary>C# member names for package names: <c>py3-pip</c> → <c>Py3Pip</c>, <c>libstdc++</c> → <c>LibstdcPlusPlus</c>.</summary>
internal static class Identifiers
{
    public static string Pascal(string name)
    {
        var result = new StringBuilder(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                result.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                if (c == '+')
                {
                    result.Append("Plus");
                }
                upper = true;
            }
        }
        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result.Insert(0, '_');
        }
        return result.ToString();
    }

    /// <summary><paramref name="candidate"/>, or with <c>_2</c>, <c>_3</c>… when already taken (catalogue order decides).</summary>
    public static string Unique(string candidate, HashSet<string> taken)
    {
        string name = candidate;
        for (int n = 2; !taken.Add(name); n++)
        {
            name = candidate + "_" + n.ToString(CultureInfo.InvariantCulture);
        }
        return name;
    }

    public static bool IsValid(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
