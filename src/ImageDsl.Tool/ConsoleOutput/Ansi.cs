namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>The few escape sequences `dotnet image` uses. Callers decide whether escapes are allowed.</summary>
internal static class Ansi
{
    /// <summary>Carriage return + erase the whole line: the live line is redrawn from column 0.</summary>
    public const string ClearLine = "\r\u001b[2K";

    public const string Reset = "\u001b[0m";
    public const string Bold = "\u001b[1m";
    public const string Dim = "\u001b[2m";
    public const string Red = "\u001b[31m";
    public const string Green = "\u001b[32m";
    public const string Yellow = "\u001b[33m";
    public const string Cyan = "\u001b[36m";

    /// <summary><paramref name="text"/> in <paramref name="style"/>, or unchanged when escapes are off.</summary>
    public static string Style(string text, string style, bool enabled) => enabled ? style + text + Reset : text;
}
