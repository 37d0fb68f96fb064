namespace ImageDsl.Errors;

/// <summary>
/// A failure the user can act on: the message says what failed and where, the hint what to do.
/// The CLI prints these without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public class ImageDslException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public ImageDslException(ErrorKind kind, string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Hint = hint;
    }

    /// <summary>What kind of failure this is.</summary>
    public ErrorKind Kind { get; }

    /// <summary>What the user should do, or null.</summary>
    public string? Hint { get; }

    /// <summary>The stable code printed with the message (`IMG1004`; see <see cref="ErrorCodes"/>).</summary>
    public string Code => ErrorCodes.For(Kind);

    /// <summary>The process exit code for this error.</summary>
    public int ExitCode => (int)Kind;
}
