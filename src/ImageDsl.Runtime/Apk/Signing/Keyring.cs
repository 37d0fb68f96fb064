namespace ImageDsl.Apk.Signing;

/// <summary>
/// The trusted keys of a build, looked up as apko does: by exact file name, then by the name
/// without `.rsa.pub` (artifactory-style downloads drop the suffix).
/// </summary>
public sealed class Keyring
{
    private readonly Dictionary<string, ApkPublicKey> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates a keyring from keys; a later key with the same name replaces an earlier one.</summary>
    public Keyring(IEnumerable<ApkPublicKey> keys)
    {
        foreach (ApkPublicKey key in keys)
        {
            _byName[key.Name] = key;
        }
    }

    /// <summary>The keys, sorted by name.</summary>
    public IReadOnlyList<ApkPublicKey> Keys => _byName.Values.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();

    /// <summary>The number of keys.</summary>
    public int Count => _byName.Count;

    /// <summary>Finds the key a signature names.</summary>
    public ApkPublicKey? Find(string keyName)
    {
        if (_byName.TryGetValue(keyName, out var key))
        {
            return key;
        }
        const string suffix = ".rsa.pub";
        if (keyName.EndsWith(suffix, StringComparison.Ordinal) && _byName.TryGetValue(keyName[..^suffix.Length], out key))
        {
            return key;
        }
        return null;
    }
}
