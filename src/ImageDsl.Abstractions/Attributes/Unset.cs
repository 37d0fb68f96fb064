namespace ImageDsl;

/// <summary>
/// Sentinels for attribute properties that are optional numbers. C# attribute properties cannot be
/// nullable value types, so "not set" is written as a value no real id can take.
/// </summary>
public static class Unset
{
    /// <summary>A uid or gid that was not given (the default of every <c>Uid</c>/<c>Gid</c> property).</summary>
    public const long Id = -1;
}
