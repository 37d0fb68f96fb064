using System.Buffers;

namespace ImageDsl.Config;

/// <summary>
/// What of a configuration's text a diagnostic may quote. An `include:` can name any file (a shadow
/// file, a .env with passwords), and its lines then arrive as keys or as one long scalar: an error must
/// not print them. Keys are quoted only when they look like field names; other text at most as a
/// short excerpt with control characters replaced.
/// </summary>
internal static class DiagnosticExcerpt
{
    /// <summary>The longest excerpt of a value quoted in a message.</summary>
    public const int MaxLength = 40;

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");

    /// <summary>True when <paramref name="key"/> could be a misspelt field name (and so is safe and useful to quote).</summary>
    public static bool LooksLikeFieldName(string key) =>
        key.Length is > 0 and <= MaxLength && key.AsSpan().IndexOfAnyExcept(NameCharacters) < 0;

    /// <summary>Says what a key that is not quoted was: its length only.</summary>
    public static string UnshownKey(string key) =>
        $"a {key.Length}-character key that is not a field name (not shown, in case the file is not a configuration)";

    /// <summary>`'text'`, cut to <see cref="MaxLength"/> characters with control characters as '?'.</summary>
    public static string Quote(string text)
    {
        string cut = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        return "'" + string.Create(cut.Length, cut, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        }) + "'";
    }
}
