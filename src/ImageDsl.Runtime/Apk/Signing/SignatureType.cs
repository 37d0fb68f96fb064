namespace ImageDsl.Apk.Signing;

/// <summary>The signature kinds apk names in `.SIGN.&lt;TYPE&gt;.&lt;keyname&gt;` entries.</summary>
public enum SignatureType
{
    /// <summary>`.SIGN.RSA.`: RSA PKCS#1 v1.5 over SHA-1.</summary>
    Rsa,

    /// <summary>`.SIGN.RSA256.`: RSA PKCS#1 v1.5 over SHA-256.</summary>
    Rsa256,

    /// <summary>`.SIGN.RSA512.`: ignored by apko, verified by us when the key is known.</summary>
    Rsa512,

    /// <summary>`.SIGN.DSA.`: ignored.</summary>
    Dsa,
}
