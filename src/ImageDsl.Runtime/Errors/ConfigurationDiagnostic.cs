using ImageDsl.Diagnostics;

namespace ImageDsl.Errors;

/// <summary>A located configuration problem, printed as `file(line,col): error IMGnnnn: message`.</summary>
public sealed record ConfigurationDiagnostic(DiagnosticInfo Info, string Message, string File, int Line, int Column)
{
    /// <summary>Error (true) or warning.</summary>
    public bool IsError => Info.IsError;

    /// <summary>The one-line compiler-style form.</summary>
    public override string ToString() =>
        $"{File}({Line},{Column}): {(IsError ? "error" : "warning")} {Info.Id}: {Message}";
}
