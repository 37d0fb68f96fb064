using System.Security.Cryptography;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Apk;

public class Pkcs1VerifierTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Managed_sha1_verification_agrees_with_the_platform(int bits)
    {
        using RSA rsa = RSA.Create(bits);
        byte[] data = RandomNumberGenerator.GetBytes(5000);
        byte[] signature = rsa.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        var key = ApkPublicKey.FromPem("k.rsa.pub", rsa.ExportSubjectPublicKeyInfoPem(), "test");
        Assert.True(key.Verify(data, signature, SignatureType.Rsa));

        byte[] tamperedData = (byte[])data.Clone();
        tamperedData[100] ^= 0x40;
        Assert.False(key.Verify(tamperedData, signature, SignatureType.Rsa));
        byte[] tamperedSignature = (byte[])signature.Clone();
        tamperedSignature[^1] ^= 1;
        Assert.False(key.Verify(data, tamperedSignature, SignatureType.Rsa));
        Assert.False(key.Verify(data, signature[1..], SignatureType.Rsa));
        // A SHA-256 signature is not a SHA-1 signature.
        Assert.False(key.Verify(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), SignatureType.Rsa));
    }
}
