using ImageDsl.Apk.Repositories;
using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// Writes failures in the one short paragraph every error gets: `error IMG1004: what failed, where` (the
/// stable code of docs/diagnostics.md) and, when there is advice, `  hint: what to do`. "error" is red on a
/// colour terminal. Every line passes
/// through <see cref="UrlRedaction.Redact"/> last, so a URL with credentials that some message quoted
/// whole (an exception from a library, a repository line) is never printed with them.
/// </summary>
internal sealed class ErrorWriter
{
    private readonly TextWriter _stderr;
    private readonly bool _ansi;

    public ErrorWriter(TextWriter stderr, bool ansi)
    {
        _stderr = stderr;
        _ansi = ansi;
    }

    public void Error(string code, string message, string? hint)
    {
        _stderr.WriteLine(Ansi.Style("error", Ansi.Bold + Ansi.Red, _ansi) + $" {code}: " + UrlRedaction.Redact(message));
        Hint(hint);
    }

    public void Hint(string? hint)
    {
        if (!string.IsNullOrWhiteSpace(hint))
        {
            _stderr.WriteLine("  " + Ansi.Style("hint:", Ansi.Bold, _ansi) + " " + UrlRedaction.Redact(hint));
        }
    }

    /// <summary>Text written as is (diagnostic lines, stack traces under `--log-level debug`).</summary>
    public void Raw(string text) => _stderr.WriteLine(UrlRedaction.Redact(text));
}
