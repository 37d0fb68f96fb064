using System.Numerics;
using System.Security.Cryptography;

namespace ImageDsl.Apk.Signing;

/// <summary>
/// RSA PKCS#1 v1.5 verification done in managed code: s^e mod n, then a byte comparison with the
/// expected encoding (00 01 FF…FF 00 DigestInfo hash). Used for SHA-1 signatures, which some hosts'
/// OpenSSL policy refuses to verify, and faster than BouncyCastle's signer, whose public-key setup
/// runs primality checks on the modulus every time (hundreds of milliseconds for a 4096-bit key).
/// </summary>
internal static class Pkcs1Verifier
{
    /// <summary>DigestInfo prefix for SHA-1 with NULL parameters (RFC 8017 §9.2 note 1).</summary>
    private static readonly byte[] Sha1Prefix = [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14];

    /// <summary>The same without the NULL parameters, which some signers emit.</summary>
    private static readonly byte[] Sha1PrefixNoNull = [0x30, 0x1f, 0x30, 0x07, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x04, 0x14];

    public static bool VerifySha1(RSAParameters key, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        byte[] modulusBytes = key.Modulus!;
        int k = modulusBytes.Length;
        while (k > 0 && modulusBytes[modulusBytes.Length - k] == 0)
        {
            k--;
        }
        if (signature.Length != k || hash.Length != 20)
        {
            return false;
        }
        var n = new BigInteger(modulusBytes, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(key.Exponent!, isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (s >= n)
        {
            return false;
        }
        BigInteger m = BigInteger.ModPow(s, e, n);
        byte[] encoded = new byte[k];
        byte[] raw = m.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length > k)
        {
            return false;
        }
        raw.CopyTo(encoded, k - raw.Length);
        return Matches(encoded, Sha1Prefix, hash) || Matches(encoded, Sha1PrefixNoNull, hash);
    }

    private static bool Matches(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> hash)
    {
        int t = prefix.Length + hash.Length;
        int padding = encoded.Length - 3 - t;
        if (padding < 8)
        {
            return false;
        }
        Span<byte> expected = new byte[encoded.Length];
        expected[0] = 0x00;
        expected[1] = 0x01;
        expected.Slice(2, padding).Fill(0xff);
        expected[2 + padding] = 0x00;
        prefix.CopyTo(expected[(3 + padding)..]);
        hash.CopyTo(expected[(3 + padding + prefix.Length)..]);
        return CryptographicOperations.FixedTimeEquals(encoded, expected);
    }
}
