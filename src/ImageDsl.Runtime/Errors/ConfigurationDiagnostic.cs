using ImageDsl.Diagnostics;

namespace ImageDsl.Errors;

/// <summary>A located configuration problem, printed as `file(line,col): error IMGnnnn: message`.</summary>
public sealed record ConfigurationDiagnostic
{
    internal ConfigurationDiagnostic(DiagnosticInfo info, string message, string file, int line, int column)
    {
        Info = info;
        Message = message;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The catalogue entry (shared with the analyzers; not public API).</summary>
    internal DiagnosticInfo Info { get; init; }

    /// <summary>The diagnostic's ID, e.g. IMG0005 (docs/diagnostics.md).</summary>
    public string Id => Info.Id;

    /// <summary>What to do about it, or null.</summary>
    public string? Hint => Info.Hint;

    /// <summary>What is wrong.</summary>
    public string Message { get; init; }

    /// <summary>The file (or C# member path) at fault.</summary>
    public string File { get; init; }

    /// <summary>1-based line.</summary>
    public int Line { get; init; }

    /// <summary>1-based column.</summary>
    public int Column { get; init; }

    /// <summary>Error (true) or warning.</summary>
    public bool IsError => Info.IsError;

    /// <summary>The one-line compiler-style form.</summary>
    public override string ToString() =>
        $"{File}({Line},{Column}): {(IsError ? "error" : "warning")} {Info.Id}: {Message}";
}
