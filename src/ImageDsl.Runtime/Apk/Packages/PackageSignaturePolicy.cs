namespace ImageDsl.Apk.Packages;

/// <summary>What to do with a package's own `.SIGN.*` signatures (apko ignores them; we do not by default).</summary>
public enum PackageSignaturePolicy
{
    /// <summary>
    /// Verify every signature whose key is in the keyring; one that fails is an error. Signatures by
    /// unknown keys are logged and ignored (the index `C:` checksum still anchors the package).
    /// </summary>
    VerifyKnownKeys,

    /// <summary>As <see cref="VerifyKnownKeys"/>, and at least one signature must verify with a trusted key.</summary>
    RequireTrusted,

    /// <summary>Do not look at package signatures (apko's behaviour).</summary>
    Ignore,
}
