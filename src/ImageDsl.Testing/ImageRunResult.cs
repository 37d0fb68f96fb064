namespace ImageDsl.Testing;

/// <summary>How a command run in the image ended.</summary>
/// <param name="ExitCode">
/// The command's exit code. When the sandbox cannot start the program (missing, not executable, a script
/// whose interpreter the image lacks), the sandbox exits non-zero and says why on standard error.
/// </param>
/// <param name="StandardOutput">What it wrote to standard output, as UTF-8.</param>
/// <param name="StandardError">What it wrote to standard error, as UTF-8.</param>
public sealed record ImageRunResult(int ExitCode, string StandardOutput, string StandardError);
