namespace ImageDsl.Apk.Packages;

/// <summary>The outcome of checking a package's own signatures.</summary>
public enum PackageSignatureStatus
{
    /// <summary>The package has no signature member.</summary>
    Unsigned,

    /// <summary>It is signed, but by no key in the keyring (or only by kinds we do not verify, DSA).</summary>
    UnknownKey,

    /// <summary>A signature verified with a trusted key.</summary>
    Verified,

    /// <summary>Not checked (<see cref="PackageSignaturePolicy.Ignore"/>).</summary>
    NotChecked,
}
