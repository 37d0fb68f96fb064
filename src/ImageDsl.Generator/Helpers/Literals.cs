using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace ImageDsl.Generator.Helpers;

/// <summary>C# literals for generated code, independent of the build machine's culture.</summary>
internal static class Literals
{
    public static string String(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    public static string UInt(uint value) => value.ToString(CultureInfo.InvariantCulture) + "u";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
