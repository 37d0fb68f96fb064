using ImageDsl.Tool.ConsoleOutput;

namespace ImageDsl.Tool.Cli;

/// <summary>
/// Writes failures in the one short paragraph every error gets: `error: what failed, where` and, when
/// there is advice, `  hint: what to do`. "error:" is red on a colour terminal.
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

    public void Error(string message, string? hint)
    {
        _stderr.WriteLine(Ansi.Style("error:", Ansi.Bold + Ansi.Red, _ansi) + " " + message);
        Hint(hint);
    }

    public void Hint(string? hint)
    {
        if (!string.IsNullOrWhiteSpace(hint))
        {
            _stderr.WriteLine("  " + Ansi.Style("hint:", Ansi.Bold, _ansi) + " " + hint);
        }
    }

    /// <summary>Text written as is (diagnostic lines, stack traces under `--log-level debug`).</summary>
    public void Raw(string text) => _stderr.WriteLine(text);
}
