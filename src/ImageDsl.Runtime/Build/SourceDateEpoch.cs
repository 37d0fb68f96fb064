using System.Globalization;
using ImageDsl.Errors;

namespace ImageDsl.Build;

/// <summary>
/// `SOURCE_DATE_EPOCH` (reproducible-builds.org), read and parsed once where a command starts; every date
/// that depends on it (the image's created date, package and file times, script dates) comes from here.
/// </summary>
public sealed record SourceDateEpoch
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "SOURCE_DATE_EPOCH";

    private SourceDateEpoch(DateTimeOffset? date) => Date = date;

    /// <summary>The date it names; null when the variable is set but empty (then `--build-date`, else 1970, decides).</summary>
    public DateTimeOffset? Date { get; }

    /// <summary>An epoch at <paramref name="date"/> (whole seconds).</summary>
    public static SourceDateEpoch At(DateTimeOffset date) => new(DateTimeOffset.FromUnixTimeSeconds(date.ToUnixTimeSeconds()));

    /// <summary>The variable's value parsed: null when unset, as apko reads it (whole seconds, a sign allowed).</summary>
    /// <exception cref="ImageDslException">The value is not a whole number of seconds (exit 2).</exception>
    public static SourceDateEpoch? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new SourceDateEpoch((DateTimeOffset?)null);
        }
        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds)
            || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new ImageDslException(ErrorKind.Configuration, $"failed to parse {Variable} '{text}': it is not Unix seconds",
                $"Set it to a whole number of seconds since 1970-01-01 UTC, e.g. {Variable}=$(git log -1 --format=%ct).");
        }
        return new SourceDateEpoch(DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    /// <summary>The process environment's value, parsed.</summary>
    public static SourceDateEpoch? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));
}
