using System.Security.Cryptography;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Keys;

/// <summary>Writes the build keyring and `runtime_keyring` entries into `/etc/apk/keys`.</summary>
public static class RuntimeKeyringInstaller
{
    /// <summary>Writes a build key (file name → PEM), as apko's InitKeyring does.</summary>
    public static void WriteBuildKey(FileTree tree, string name, string pem)
    {
        tree.MkdirAll("etc/apk/keys");
        tree.WriteText($"etc/apk/keys/{name}", pem);
    }

    /// <summary>
    /// Writes `runtime_keyring` entries sorted by name, each re-encoded as a `PUBLIC KEY` PEM; refuses to
    /// replace an existing key file.
    /// </summary>
    public static void Install(FileTree tree, IEnumerable<RuntimeKey> keys, DateTimeOffset buildDate)
    {
        foreach (RuntimeKey key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            string path = $"etc/apk/keys/{key.Name}";
            if (tree.Exists(path))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"runtime_keyring: /{path} already exists",
                    "Give the runtime key a name that no build key or package uses.");
            }
            string pem;
            try
            {
                using RSA rsa = RSA.Create();
                rsa.ImportFromPem(key.Content);
                pem = rsa.ExportSubjectPublicKeyInfoPem() + "\n";
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new ImageDslException(ErrorKind.Configuration, $"runtime_keyring '{key.Name}' is not a PEM RSA public key: {e.Message}",
                    "Paste exactly one -----BEGIN PUBLIC KEY----- block.");
            }
            tree.MkdirAll("etc/apk/keys");
            tree.WriteText(path, pem).ModificationTime = buildDate;
        }
    }
}
