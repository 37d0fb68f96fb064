using ImageDsl.Apk.Signing;

namespace ImageDsl.Apk.Packages;

/// <summary>
/// Checks a package's own `.SIGN.*` signatures over its compressed control member. apko skips this;
/// we verify every signature whose key we trust, so a package re-signed by an attacker's key of the
/// same name is caught even when no index vouches for it.
/// </summary>
internal static class PackageSignatureCheck
{
    public static (PackageSignatureStatus Status, string? VerifiedBy) Check(
        bool signed, IReadOnlyList<SignatureEntry> signatures, byte[] controlBytes, ApkPackageReaderOptions options, PackageErrors errors)
    {
        if (options.SignaturePolicy == PackageSignaturePolicy.Ignore)
        {
            return (PackageSignatureStatus.NotChecked, null);
        }
        if (!signed || signatures.Count == 0)
        {
            if (options.SignaturePolicy == PackageSignaturePolicy.RequireTrusted)
            {
                throw errors.Integrity("it is not signed, and a signature by a trusted key is required",
                    "Sign the package (dotnet image pack --sign key.rsa), or install it through a signed index.");
            }
            return (PackageSignatureStatus.Unsigned, null);
        }
        string? verifiedBy = null;
        foreach (SignatureEntry entry in signatures)
        {
            if (entry.Type == SignatureType.Dsa)
            {
                options.Log?.Invoke($"package {errors.Label}: ignoring DSA signature {entry.EntryNameText}");
                continue;
            }
            ApkPublicKey? key = options.Keyring?.Find(entry.KeyName);
            if (key is null)
            {
                options.Log?.Invoke($"package {errors.Label}: signature {entry.EntryNameText} is by a key not in the keyring; not checked");
                continue;
            }
            if (!key.Verify(controlBytes, entry.Signature, entry.Type))
            {
                throw errors.Integrity(
                    $"signature {entry.EntryNameText} does not verify with the trusted key {key.Name}",
                    "The package was altered, or signed by a different key that has the same name as one you trust. " +
                    "Fetch it again from its repository; if a repository really uses another key of that name, trust it under its own name.");
            }
            verifiedBy ??= key.Name;
            options.Log?.Invoke($"package {errors.Label}: signature {entry.EntryNameText} verified");
        }
        if (verifiedBy is null && options.SignaturePolicy == PackageSignaturePolicy.RequireTrusted)
        {
            string names = string.Join(", ", signatures.Select(s => s.KeyName));
            throw errors.Integrity($"it is signed only by keys not in the keyring ({names})",
                "Add the signing key's .rsa.pub to the keyring, or do not require package signatures.");
        }
        return (verifiedBy is null ? PackageSignatureStatus.UnknownKey : PackageSignatureStatus.Verified, verifiedBy);
    }
}
