namespace ImageDsl;

/// <summary>
/// An extra CA certificate added to the image's trust store (apko <c>certificates.additional</c>).
/// </summary>
/// <example><code>[Certificate("corp-root", """
///     -----BEGIN CERTIFICATE-----
///     MIIB...
///     -----END CERTIFICATE-----
///     """)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CertificateAttribute : Attribute
{
    /// <summary>Declares a certificate.</summary>
    /// <param name="name">The file name it is stored under.</param>
    /// <param name="pem">One PEM <c>CERTIFICATE</c> block.</param>
    public CertificateAttribute(string name, string pem)
    {
        Name = name;
        Pem = pem;
    }

    /// <summary>The file name.</summary>
    public string Name { get; }

    /// <summary>The PEM text.</summary>
    public string Pem { get; }
}

/// <summary>
/// A virtual package name whose installed provider contributes CA certificates
/// (apko <c>certificates.providers</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CertificateProviderAttribute : Attribute
{
    /// <summary>Declares a provider.</summary>
    public CertificateProviderAttribute(string name) => Name = name;

    /// <summary>The provider name.</summary>
    public string Name { get; }
}
