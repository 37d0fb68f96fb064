namespace ImageDsl.Errors;

/// <summary>The configuration has errors; each is a located diagnostic.</summary>
public sealed class ConfigurationException : ImageDslException
{
    /// <summary>Creates the error from one or more diagnostics (errors first).</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationDiagnostic> diagnostics)
        : base(ErrorKind.Configuration, string.Join("\n", diagnostics), diagnostics.FirstOrDefault()?.Hint)
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the error from one diagnostic.</summary>
    public ConfigurationException(ConfigurationDiagnostic diagnostic)
        : this([diagnostic])
    {
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Diagnostics { get; }
}
