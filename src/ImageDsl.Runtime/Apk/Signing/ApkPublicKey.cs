using System.Security.Cryptography;
using ImageDsl.Errors;
using Org.BouncyCastle.Crypto.Digests;

namespace ImageDsl.Apk.Signing;

/// <summary>
/// An RSA public key from a keyring, named by its file name (e.g. `alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub`).
/// </summary>
public sealed class ApkPublicKey
{
    private readonly RSAParameters _parameters;

    private ApkPublicKey(string name, string pem, RSAParameters parameters)
    {
        Name = name;
        Pem = pem;
        _parameters = parameters;
    }

    /// <summary>The key's file name, as signatures refer to it.</summary>
    public string Name { get; }

    /// <summary>The PEM text as loaded.</summary>
    public string Pem { get; }

    /// <summary>Parses a PEM `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1); <paramref name="source"/> names it in errors.</summary>
    public static ApkPublicKey FromPem(string name, string pem, string source)
    {
        try
        {
            using RSA rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new ApkPublicKey(name, pem, rsa.ExportParameters(false));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"key {source} is not a PEM RSA public key: {e.Message}",
                "A keyring entry must be an RSA public key in PEM form (-----BEGIN PUBLIC KEY-----).");
        }
    }

    /// <summary>Loads a key file; the key is named by the file name.</summary>
    public static ApkPublicKey FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImageDslException(ErrorKind.Configuration, $"key file {path} does not exist",
                "Check the keyring path (relative paths resolve against the working directory).");
        }
        return FromPem(Path.GetFileName(path), File.ReadAllText(path), path);
    }

    /// <summary>
    /// Verifies an RSA PKCS#1 v1.5 signature of <paramref name="data"/>. SHA-1 goes through a managed
    /// implementation so that hosts whose OpenSSL policy refuses SHA-1 (RHEL 9 family) still verify.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, byte[] signature, SignatureType type)
    {
        switch (type)
        {
            case SignatureType.Rsa:
                return VerifySha1Managed(data, signature);
            case SignatureType.Rsa256:
            case SignatureType.Rsa512:
                using (RSA rsa = RSA.Create(_parameters))
                {
                    var hash = type == SignatureType.Rsa256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
                    return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
                }
            default:
                return false;
        }
    }

    /// <summary>
    /// Verifies a signature of everything from <paramref name="data"/>'s current position to its end,
    /// hashing as it reads, so a large signed file is never held in memory whole.
    /// </summary>
    public bool Verify(Stream data, byte[] signature, SignatureType type)
    {
        byte[] buffer = new byte[81920];
        int n;
        switch (type)
        {
            case SignatureType.Rsa:
                var sha1 = new Sha1Digest();
                while ((n = data.Read(buffer)) > 0)
                {
                    sha1.BlockUpdate(buffer, 0, n);
                }
                byte[] sha1Hash = new byte[sha1.GetDigestSize()];
                sha1.DoFinal(sha1Hash, 0);
                return Pkcs1Verifier.VerifySha1(_parameters, sha1Hash, signature);
            case SignatureType.Rsa256:
            case SignatureType.Rsa512:
                var name = type == SignatureType.Rsa256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
                using (var incremental = IncrementalHash.CreateHash(name))
                using (RSA rsa = RSA.Create(_parameters))
                {
                    while ((n = data.Read(buffer)) > 0)
                    {
                        incremental.AppendData(buffer, 0, n);
                    }
                    return rsa.VerifyHash(incremental.GetHashAndReset(), signature, name, RSASignaturePadding.Pkcs1);
                }
            default:
                return false;
        }
    }

    private bool VerifySha1Managed(ReadOnlySpan<byte> data, byte[] signature)
    {
        var digest = new Sha1Digest();
        digest.BlockUpdate(data);
        byte[] hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Pkcs1Verifier.VerifySha1(_parameters, hash, signature);
    }
}
