using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageDsl.Assembling.Certificates;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Tests.Assembling;

/// <summary>Certificates reach Java's truststore, and Java's own keytool accepts what we write.</summary>
public class JavaKeyStoreTests
{
    private static string NewCertificatePem(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 cert = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        return cert.ExportCertificatePem();
    }

    private static ProcessResult Keytool(params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(RequiredTool.Find("keytool", "openjdk-17-jre-headless"), args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public void Additional_certificates_are_added_to_a_jks_cacerts_that_keytool_then_reads()
    {
        using var temp = new TempDirectory();
        string existing = temp.Combine("existing.pem");
        File.WriteAllText(existing, NewCertificatePem("existing-root"));
        string store = temp.Combine("cacerts");
        Keytool("-importcert", "-noprompt", "-storetype", "JKS", "-keystore", store, "-storepass", "changeit", "-alias", "existing", "-file", existing);

        var tree = new FileTree();
        tree.MkdirAll("etc/ssl/certs/java");
        tree.WriteFile("etc/ssl/certs/java/cacerts", File.ReadAllBytes(store));
        var config = new ImageCertificates { Additional = [new AdditionalCertificate("corp", NewCertificatePem("corp-root"))] };
        CertificateInstaller.Install(tree, config, new HashSet<string>(), DateTimeOffset.FromUnixTimeSeconds(1700000000));

        string updated = temp.Combine("updated");
        File.WriteAllBytes(updated, tree.ReadAllBytes("etc/ssl/certs/java/cacerts"));
        string list = Keytool("-list", "-keystore", updated, "-storepass", "changeit").StandardOutput;
        Assert.Contains("Your keystore contains 2 entries", list);
        Assert.Contains("existing,", list);
        Assert.Contains("corp-", list);
        Assert.Contains("trustedCertEntry", list);
    }

    [Fact]
    public void A_tampered_truststore_is_refused_naming_it()
    {
        using var temp = new TempDirectory();
        var store = new JavaKeyStore();
        using var cert = X509Certificate2.CreateFromPem(NewCertificatePem("x"));
        store.AddTrusted("x", cert.RawData, DateTimeOffset.UnixEpoch);
        byte[] bytes = store.ToBytes();
        bytes[40] ^= 1;
        var error = Assert.Throws<ImageDslException>(() => JavaKeyStore.Read(bytes, "etc/ssl/certs/java/cacerts"));
        Assert.Contains("/etc/ssl/certs/java/cacerts", error.Message);
    }
}
