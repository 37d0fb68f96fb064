namespace ImageDsl.Errors;

/// <summary>
/// The stable codes of runtime failures, printed as `error IMG1004: ...` the way the IMG0001... diagnostics
/// are printed for configurations (docs/diagnostics.md, "Runtime errors"). Each <see cref="ErrorKind"/> has
/// one: 1000 + its exit code, so the code a log shows also tells the exit status.
/// </summary>
public static class ErrorCodes
{
    /// <summary>An internal error: a defect of ImageDsl, not of the input (exit 1).</summary>
    public const string Internal = "IMG1000";

    /// <summary>The code of failures of <paramref name="kind"/>.</summary>
    public static string For(ErrorKind kind) => "IMG" + (1000 + (int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
