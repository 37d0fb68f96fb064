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
    /// <summary>
    /// Set (to 1) by the ImageDsl MSBuild targets: MSBuild turns only the `error IMG…:` line into an error and
    /// its terminal logger hides other lines, so the hint goes on that line (`… Hint: what to do`).
    /// </summary>
    public const string InlineHintsVariable = "IMAGEDSL_INLINE_HINTS";

    private readonly TextWriter _stderr;
    private readonly bool _ansi;
    private readonly bool _inlineHints;

    public ErrorWriter(TextWriter stderr, bool ansi, bool inlineHints = false)
    {
        _stderr = stderr;
        _ansi = ansi;
        _inlineHints = inlineHints;
    }

    /// <summary>Whether this process was asked for <see cref="InlineHintsVariable"/>.</summary>
    public static bool InlineHintsRequested() => Environment.GetEnvironmentVariable(InlineHintsVariable) == "1";

    public void Error(string code, string message, string? hint) =>
        Diagnostic(Ansi.Style("error", Ansi.Bold + Ansi.Red, _ansi) + $" {code}: " + message, hint);

    /// <summary>A finding already formatted (`file(line,col): error IMG0012: …`) and its advice.</summary>
    public void Diagnostic(string line, string? hint)
    {
        if (_inlineHints && !string.IsNullOrWhiteSpace(hint))
        {
            // MSBuild takes the first line as the error's text; the hint must be on it.
            string[] lines = line.Split('\n');
            lines[0] += " Hint: " + hint;
            _stderr.WriteLine(UrlRedaction.Redact(string.Join('\n', lines)));
            return;
        }
        _stderr.WriteLine(UrlRedaction.Redact(line));
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
