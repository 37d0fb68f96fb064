using ImageDsl.Errors;

namespace ImageDsl.Tool.Cli;

/// <summary>The documented, stable exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int BuildFailure = (int)ErrorKind.Build;
    public const int Usage = (int)ErrorKind.Configuration;
    public const int Cancelled = (int)ErrorKind.Cancelled;
}
