// Shared source: compiled into ImageDsl.Generator (the analyzers set these properties) and linked into
// ImageDsl.CodeFixes (the fixes read them), so both sides agree on the keys.
using System.Collections.Immutable;

namespace ImageDsl.Generator.Diagnostics;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that carry what a code fix needs.</summary>
internal static class FixProperties
{
    /// <summary>The text that should replace the string literal at the diagnostic's location.</summary>
    public const string Replacement = "ImageDsl.Replacement";

    /// <summary>Present when the fix is to remove the argument (or array element) at the diagnostic's location.</summary>
    public const string RemoveElement = "ImageDsl.RemoveElement";

    /// <summary>The name of a user to declare.</summary>
    public const string UserName = "ImageDsl.UserName";

    /// <summary>A free uid for that user.</summary>
    public const string Uid = "ImageDsl.Uid";

    public static ImmutableDictionary<string, string?> With(string key, string? value) =>
        ImmutableDictionary<string, string?>.Empty.Add(key, value);
}
