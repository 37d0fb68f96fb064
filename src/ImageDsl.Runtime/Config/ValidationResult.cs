using ImageDsl.Errors;

namespace ImageDsl.Config;

/// <summary>What validation found: errors stop a build, warnings are reported and the build goes on.</summary>
public sealed record ValidationResult(IReadOnlyList<ConfigurationDiagnostic> Errors, IReadOnlyList<ConfigurationDiagnostic> Warnings)
{
    /// <summary>True when there is no error.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Throws one <see cref="ConfigurationException"/> holding every error, if there is any.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ConfigurationException(Errors);
        }
    }
}
