using System.Security.Cryptography;
using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Certificates;

/// <summary>
/// `certificates:` without running update-ca-certificates: extra certificates are written under
/// /usr/local/share/ca-certificates and appended to the CA bundles already in the image; every bundle
/// then gets a `.&lt;name&gt;.sha256` sidecar so tampering is detectable (apko #2331).
/// </summary>
public static class CertificateInstaller
{
    /// <summary>Where update-ca-certificates looks for local certificates.</summary>
    public const string LocalDirectory = "usr/local/share/ca-certificates";

    /// <summary>The bundles apko appends to and checksums.</summary>
    public static readonly string[] Bundles =
    [
        "etc/ssl/certs/ca-certificates.crt",
        "var/lib/ecs/deps/execute-command/certs/tls-ca-bundle.pem",
        "kaniko/ssl/certs/ca-certificates.crt",
    ];

    /// <summary>Installs the configured certificates (no-op without `certificates:`).</summary>
    /// <param name="tree">The image.</param>
    /// <param name="certificates">The configuration.</param>
    /// <param name="providerPackages">Installed packages that provide one of `certificates.providers`.</param>
    /// <param name="buildDate">The mtime of files we create.</param>
    public static void Install(FileTree tree, ImageCertificates? certificates, IReadOnlySet<string> providerPackages, DateTimeOffset buildDate)
    {
        if (certificates is null)
        {
            return;
        }
        var collected = new List<string>();
        var javaAliases = new List<(string Alias, byte[] Der)>();
        foreach (AdditionalCertificate cert in certificates.Additional)
        {
            byte[] der = ParseSingleCertificate(cert);
            string name = $"{LocalDirectory}/{cert.Name}-{Convert.ToHexStringLower(SHA256.HashData(der))}.crt";
            tree.MkdirAll(LocalDirectory);
            string pem = cert.Content.EndsWith('\n') ? cert.Content : cert.Content + "\n";
            tree.WriteText(name, pem).ModificationTime = buildDate;
            collected.Add(pem);
            javaAliases.Add(($"{cert.Name}-{Convert.ToHexStringLower(SHA256.HashData(der))}", der));
        }
        if (providerPackages.Count > 0)
        {
            foreach (FileTreeEntry entry in tree.Walk())
            {
                if (entry.Node.Type == FileNodeType.RegularFile && entry.Node.Package is { } owner && providerPackages.Contains(owner)
                    && entry.Path.StartsWith(LocalDirectory + "/", StringComparison.Ordinal)
                    && (entry.Path.EndsWith(".crt", StringComparison.Ordinal) || entry.Path.EndsWith(".pem", StringComparison.Ordinal)))
                {
                    string text = Encoding.UTF8.GetString(entry.Node.Content?.ReadAllBytes() ?? []);
                    collected.Add(text.EndsWith('\n') ? text : text + "\n");
                    var providedCertificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
                    providedCertificates.ImportFromPem(text);
                    foreach (var provided in providedCertificates)
                    {
                        javaAliases.Add(($"pkg-{Convert.ToHexStringLower(SHA256.HashData(provided.RawData))}", provided.RawData));
                    }
                }
            }
        }
        if (collected.Count == 0)
        {
            return;
        }
        foreach (string bundle in Bundles)
        {
            FileNode? node = tree.Lookup(bundle);
            if (node is not { Type: FileNodeType.RegularFile })
            {
                continue;
            }
            string existing = Encoding.UTF8.GetString(node.Content?.ReadAllBytes() ?? []);
            if (existing.Length > 0 && !existing.EndsWith('\n'))
            {
                existing += "\n";
            }
            node.Content = FileContent.FromText(existing + string.Concat(collected));
        }
        AddToJavaTruststore(tree, javaAliases, buildDate);
    }

    /// <summary>Where Java's truststore lives; certificates are added to it when it exists and is JKS.</summary>
    public const string JavaTruststore = "etc/ssl/certs/java/cacerts";

    private static void AddToJavaTruststore(FileTree tree, IReadOnlyList<(string Alias, byte[] Der)> certificates, DateTimeOffset buildDate)
    {
        if (certificates.Count == 0 || tree.Lookup(JavaTruststore) is not { Type: FileNodeType.RegularFile } node)
        {
            return;
        }
        byte[] bytes = node.Content?.ReadAllBytes() ?? [];
        if (!JavaKeyStore.IsJks(bytes))
        {
            return; // a PKCS#12 or empty store: left as the package made it
        }
        JavaKeyStore store = JavaKeyStore.Read(bytes, JavaTruststore);
        foreach (var (alias, der) in certificates)
        {
            store.AddTrusted(alias, der, buildDate);
        }
        node.Content = FileContent.FromBytes(store.ToBytes());
    }

    /// <summary>Writes `.&lt;bundle&gt;.sha256` beside every CA bundle present (always, as apko).</summary>
    public static void WriteChecksumSidecars(FileTree tree, DateTimeOffset buildDate)
    {
        foreach (string bundle in Bundles.Append(JavaTruststore))
        {
            if (tree.Lookup(bundle) is not { Type: FileNodeType.RegularFile } node)
            {
                continue;
            }
            string name = bundle[(bundle.LastIndexOf('/') + 1)..];
            string directory = bundle[..bundle.LastIndexOf('/')];
            using Stream content = node.Content?.OpenRead() ?? Stream.Null;
            string hex = Convert.ToHexStringLower(SHA256.HashData(content));
            string sidecar = $"{directory}/.{name}.sha256";
            tree.Remove(sidecar);
            tree.WriteText(sidecar, $"{hex}  {name}\n", (UnixFileMode)0x124).ModificationTime = buildDate;
        }
    }

    private static byte[] ParseSingleCertificate(AdditionalCertificate cert)
    {
        const string begin = "-----BEGIN CERTIFICATE-----";
        int count = 0;
        for (int i = cert.Content.IndexOf(begin, StringComparison.Ordinal); i >= 0; i = cert.Content.IndexOf(begin, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        if (count != 1)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"certificates: '{cert.Name}' must hold exactly one PEM CERTIFICATE block (found {count})",
                "Split the bundle into one additional entry per certificate.");
        }
        try
        {
            using var x509 = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(cert.Content);
            return x509.RawData;
        }
        catch (CryptographicException e)
        {
            throw new ImageDslException(ErrorKind.Configuration, $"certificates: '{cert.Name}' is not a valid PEM certificate: {e.Message}",
                "Paste the certificate as -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----.");
        }
    }
}
