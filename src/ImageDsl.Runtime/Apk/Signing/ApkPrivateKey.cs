using System.Security.Cryptography;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Signing;

/// <summary>An RSA private key used to sign packages and indexes we produce (`keygen`, `pack`, `index`).</summary>
public sealed class ApkPrivateKey : IDisposable
{
    private readonly RSA _rsa;

    private ApkPrivateKey(string publicKeyName, RSA rsa)
    {
        PublicKeyName = publicKeyName;
        _rsa = rsa;
    }

    /// <summary>The public key's file name that signatures name (`&lt;name&gt;.rsa.pub`).</summary>
    public string PublicKeyName { get; }

    /// <summary>Creates a new key pair of <paramref name="bits"/> bits.</summary>
    public static ApkPrivateKey Generate(string publicKeyName, int bits = 4096) => new(publicKeyName, RSA.Create(bits));

    /// <summary>
    /// Loads a PEM private key (PKCS#1 or PKCS#8). The public key name is the file name with `.rsa`
    /// replaced by `.rsa.pub` (abuild's convention), unless given.
    /// </summary>
    public static ApkPrivateKey FromFile(string path, string? publicKeyName = null)
    {
        if (!File.Exists(path))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"signing key {path} does not exist",
                "Create one with `dotnet image keygen <name>`.");
        }
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new ImageDslException(ErrorKind.Configuration, $"{path} is not a PEM RSA private key: {e.Message}",
                "Give the private key (-----BEGIN PRIVATE KEY----- or RSA PRIVATE KEY), not the .rsa.pub file.");
        }
        string name = publicKeyName ?? DefaultPublicName(Path.GetFileName(path));
        return new ApkPrivateKey(name, rsa);
    }

    /// <summary>`sample.rsa` → `sample.rsa.pub`; anything else gets `.rsa.pub` appended.</summary>
    public static string DefaultPublicName(string privateFileName) =>
        privateFileName.EndsWith(".rsa", StringComparison.Ordinal) ? privateFileName + ".pub"
        : privateFileName.EndsWith(".rsa.pub", StringComparison.Ordinal) ? privateFileName
        : privateFileName + ".rsa.pub";

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string ExportPrivatePem() => _rsa.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as SPKI PEM (what `/etc/apk/keys` holds).</summary>
    public string ExportPublicPem() => _rsa.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>The public half as a keyring key.</summary>
    public ApkPublicKey PublicKey => ApkPublicKey.FromPem(PublicKeyName, ExportPublicPem(), PublicKeyName);

    /// <summary>Signs with RSA PKCS#1 v1.5 over SHA-256 (`.SIGN.RSA256.`).</summary>
    public byte[] SignSha256(ReadOnlySpan<byte> data) =>
        _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();
}
