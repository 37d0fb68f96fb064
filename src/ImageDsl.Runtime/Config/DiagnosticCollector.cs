using System.Globalization;
using ImageDsl.Diagnostics;
using ImageDsl.Errors;

namespace ImageDsl.Config;

/// <summary>Collects located findings so that every problem is reported at once, errors and warnings apart.</summary>
internal sealed class DiagnosticCollector
{
    private readonly List<ConfigurationDiagnostic> _errors = [];
    private readonly List<ConfigurationDiagnostic> _warnings = [];
    private readonly List<string> _fileOrder = [];

    /// <summary>The errors in reading order: by file (in the order files were read), then line and column.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Errors => InReadingOrder(_errors);

    /// <summary>The warnings in reading order.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Warnings => InReadingOrder(_warnings);

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Notes that <paramref name="file"/> was read next, so its findings sort after earlier files'.</summary>
    public void NoteFile(string file) => _fileOrder.Add(file);

    /// <summary>Adds a finding whose message is the catalogue format filled with <paramref name="args"/>.</summary>
    public void Report(DiagnosticInfo info, SourceLocation at, params object?[] args) =>
        Add(info, at, string.Format(CultureInfo.InvariantCulture, info.MessageFormat, args));

    /// <summary>Adds a finding with a message written for the case.</summary>
    public void Add(DiagnosticInfo info, SourceLocation at, string message)
    {
        var diagnostic = new ConfigurationDiagnostic(info, message, at.File, at.Line, at.Column);
        (info.IsError ? _errors : _warnings).Add(diagnostic);
    }

    /// <summary>Throws one <see cref="ConfigurationException"/> holding every error, if there is any.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException(Errors);
        }
    }

    private ConfigurationDiagnostic[] InReadingOrder(List<ConfigurationDiagnostic> diagnostics)
    {
        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string file in _fileOrder)
        {
            files.TryAdd(file, files.Count);
        }
        foreach (ConfigurationDiagnostic diagnostic in diagnostics)
        {
            files.TryAdd(diagnostic.File, files.Count);
        }
        return diagnostics.OrderBy(d => files[d.File]).ThenBy(d => d.Line).ThenBy(d => d.Column).ToArray();
    }
}
