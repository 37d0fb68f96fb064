using ImageDsl.Apk.Repositories;
using ImageDsl.Errors;

namespace ImageDsl.Apk.Signing;

/// <summary>
/// Verifies an APKINDEX.tar.gz as apko does: any one RSA (SHA-1) or RSA256 (SHA-256) signature by a
/// trusted key over the raw bytes after the first gzip member suffices. Each way of failing has its
/// own message, because each needs a different fix.
/// </summary>
public static class IndexVerifier
{
    /// <summary>The hint shared by errors that a missing key causes.</summary>
    public const string KeyringHint =
        "Add the repository's public key with `contents.keyring` in the configuration or `-k/--keyring-append <file or URL>`; " +
        "--ignore-signatures skips the check (not recommended).";

    /// <summary>
    /// Verifies <paramref name="archive"/> (the whole file, as downloaded) and returns the name of the key
    /// whose signature verified. <paramref name="indexUrl"/> names the index in errors.
    /// </summary>
    /// <exception cref="ImageDslException">With <see cref="ErrorKind.Integrity"/> when the index cannot be trusted.</exception>
    public static string Verify(byte[] archive, IndexSignatures signatures, Keyring keyring, string indexUrl) =>
        Verify(new MemoryStream(archive, writable: false), signatures, keyring, indexUrl);

    /// <summary>As <see cref="Verify(byte[], IndexSignatures, Keyring, string)"/>, hashing a seekable stream (left open) as it reads.</summary>
    public static string Verify(Stream archive, IndexSignatures signatures, Keyring keyring, string indexUrl)
    {
        string where = UrlRedaction.Redact(indexUrl);
        if (!signatures.IsSigned)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"repository index {where} is not signed (its first gzip member holds no .SIGN.* entry)",
                "Sign the index (`dotnet image index --signing-key ...`) or, for a repository you trust by other means, pass --ignore-signatures.");
        }
        if (keyring.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"no keys provided to verify the signature of repository index {where} (signed by {Names(signatures.Signatures)})",
                KeyringHint);
        }
        var usable = new List<(SignatureEntry Entry, ApkPublicKey Key)>();
        foreach (SignatureEntry entry in signatures.Signatures)
        {
            // apko ignores DSA and RSA512 index signatures; so do we, to accept and refuse the same indexes.
            if (entry.Type is not (SignatureType.Rsa or SignatureType.Rsa256))
            {
                continue;
            }
            ApkPublicKey? key = keyring.Find(entry.KeyName);
            if (key is not null)
            {
                usable.Add((entry, key));
            }
        }
        if (usable.Count == 0)
        {
            throw new ImageDslException(ErrorKind.Integrity,
                $"no signature with known key found on repository index {where}: it is signed with {Names(signatures.Signatures)}, " +
                $"and the keyring has {string.Join(", ", keyring.Keys.Select(k => k.Name))}",
                KeyringHint);
        }
        foreach (var (entry, key) in usable)
        {
            archive.Position = signatures.SignedContentStart;
            if (key.Verify(archive, entry.Signature, entry.Type))
            {
                return key.Name;
            }
        }
        string failed = string.Join(", ", usable.Select(u => $"{u.Key.Name} ({SignatureEntry.TypeName(u.Entry.Type)})"));
        throw new ImageDslException(ErrorKind.Integrity,
            $"signature verification failed for repository index {where}: the signature by {failed} does not match the index content",
            "The index was changed or damaged after signing, or the key file carries the right name but the wrong key. " +
            "Fetch the index again (clear the cache folder) and check the key against the repository's published key.");
    }

    private static string Names(IReadOnlyList<SignatureEntry> entries) =>
        string.Join(", ", entries.Select(e => $"{e.KeyName} ({SignatureEntry.TypeName(e.Type)})"));
}
