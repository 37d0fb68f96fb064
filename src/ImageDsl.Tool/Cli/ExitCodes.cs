using ImageDsl.Errors;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// The documented, stable exit codes (docs/cli.md "Exit codes"): success, or the <see cref="ErrorKind"/>
/// of the failure. A test keeps this list, the enum and the documentation in step.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int BuildFailure = (int)ErrorKind.Build;
    public const int Usage = (int)ErrorKind.Configuration;
    public const int Resolution = (int)ErrorKind.Resolution;
    public const int Network = (int)ErrorKind.Network;
    public const int Integrity = (int)ErrorKind.Integrity;
    public const int Output = (int)ErrorKind.Output;
    public const int Unauthorized = (int)ErrorKind.Unauthorized;
    public const int Cancelled = (int)ErrorKind.Cancelled;
}
