using System.Buffers.Text;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

/// <summary>`install-keys` against a loopback server playing a Chainguard-style and an Alpine-style repository.</summary>
public class InstallKeysTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static string Root(TempDirectory temp, params string[] repositories)
    {
        string root = temp.Combine("rootfs");
        Directory.CreateDirectory(Path.Combine(root, "etc", "apk"));
        File.WriteAllLines(Path.Combine(root, "etc", "apk", "repositories"), repositories);
        return root;
    }

    private static JsonObject Jwk(RSA rsa, string kid)
    {
        RSAParameters p = rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
        };
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Chainguard_discovery_writes_each_jwks_key_as_pem_with_mode_0644()
    {
        using var server = new LoopbackServer();
        using var temp = new TempDirectory();
        using RSA first = RSA.Create(2048);
        using RSA second = RSA.Create(2048);
        server.Serve("/os/apk-configuration", $$"""{"jwks_uri":"{{server.BaseUrl}}/keys.json"}""");
        server.Serve("/keys.json", new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(first, "repo-signing-1"), Jwk(second, "repo-signing-2"), new JsonObject { ["kty"] = "EC", ["kid"] = "ec-key" }),
        }.ToJsonString());
        string root = Root(temp, "# comment", "", $"@local {server.BaseUrl}/os");

        var (exit, stdout, stderr) = await Run("install-keys", "--root", root);

        Assert.True(exit == 0, stderr);
        string keys = Path.Combine(root, "etc", "apk", "keys");
        Assert.Equal(["repo-signing-1.rsa.pub", "repo-signing-2.rsa.pub"], Directory.GetFiles(keys).Select(Path.GetFileName).Order());
        string pem = File.ReadAllText(Path.Combine(keys, "repo-signing-1.rsa.pub"));
        Assert.Equal(first.ExportSubjectPublicKeyInfoPem() + "\n", pem);
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(Path.Combine(keys, "repo-signing-2.rsa.pub")));
        Assert.Contains($"wrote {Path.Combine(keys, "repo-signing-1.rsa.pub")} (from {server.BaseUrl}/keys.json)", stdout);
        Assert.Contains("installed 2 keys", stdout);
    }

    [Fact]
    public async Task Alpine_repositories_get_the_branch_keys_for_the_host_arch_that_are_not_deprecated()
    {
        using var server = new LoopbackServer();
        using var temp = new TempDirectory();
        string arch = Architecture.Host.ApkName;
        string current = File.ReadAllText(Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub"));
        string later = File.ReadAllText(Fixtures.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-5e69ca50.rsa.pub"));
        server.Serve("/keys/alpine-devel%40lists.alpinelinux.org-6165ee59.rsa.pub", current);
        server.Serve("/keys/alpine-devel%40lists.alpinelinux.org-5e69ca50.rsa.pub", later);
        server.Serve("/releases.json", $$$"""
            {"release_branches":[
              {"rel_branch":"v3.19","keys":{"{{{arch}}}":[{"url":"{{{server.BaseUrl}}}/keys/wrong-branch.rsa.pub"}]}},
              {"rel_branch":"v3.20","keys":{
                "{{{arch}}}":[
                  {"url":"{{{server.BaseUrl}}}/keys/alpine-devel%40lists.alpinelinux.org-6165ee59.rsa.pub"},
                  {"url":"{{{server.BaseUrl}}}/keys/alpine-devel%40lists.alpinelinux.org-5e69ca50.rsa.pub","deprecated_since":"2999-01-01"},
                  {"url":"{{{server.BaseUrl}}}/keys/old.rsa.pub","deprecated_since":"2020-01-01"}],
                "not-this-arch":[{"url":"{{{server.BaseUrl}}}/keys/other-arch.rsa.pub"}]}}]}
            """);
        string root = Root(temp, $"{server.BaseUrl}/alpine/v3.20/main");

        var (exit, stdout, stderr) = await Run("install-keys", "--root", root, "--alpine-releases-url", server.BaseUrl + "/releases.json", "--format", "json");

        Assert.True(exit == 0, stderr);
        string keys = Path.Combine(root, "etc", "apk", "keys");
        Assert.Equal(current, File.ReadAllText(Path.Combine(keys, "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")));
        Assert.Equal(2, Directory.GetFiles(keys).Length);
        Assert.DoesNotContain("/keys/old.rsa.pub", server.Requests);
        Assert.DoesNotContain("/os/apk-configuration", server.Requests);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("keys").GetArrayLength());
        Assert.Contains("wrote ", stderr); // notes go to stderr in JSON mode
    }

    [Fact]
    public async Task A_repository_without_key_discovery_installs_nothing()
    {
        using var server = new LoopbackServer();
        using var temp = new TempDirectory();
        string root = Root(temp, $"{server.BaseUrl}/plain/repo", "/local/folder/repo");
        var (exit, stdout, _) = await Run("install-keys", "--root", root);
        Assert.Equal(0, exit);
        Assert.Contains("no keys found for the 2 repositories", stdout);
        Assert.False(Directory.Exists(Path.Combine(root, "etc", "apk", "keys")));
    }

    [Fact]
    public async Task A_key_id_that_would_escape_the_keyring_is_refused()
    {
        using var server = new LoopbackServer();
        using var temp = new TempDirectory();
        using RSA rsa = RSA.Create(2048);
        server.Serve("/os/apk-configuration", """{"jwks_uri":"keys.json"}"""); // relative to the discovery URL
        server.Serve("/os/keys.json", new JsonObject { ["keys"] = new JsonArray(Jwk(rsa, "../../../../evil")) }.ToJsonString());
        string root = Root(temp, $"{server.BaseUrl}/os");

        var (exit, _, stderr) = await Run("install-keys", "--root", root);

        Assert.Equal(5, exit);
        Assert.StartsWith("error IMG1005: key discovery: ", stderr);
        Assert.Contains("is not a plain file name", stderr);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.rsa.pub", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_server_error_is_a_network_error_naming_the_url_without_credentials()
    {
        using var server = new LoopbackServer();
        using var temp = new TempDirectory();
        server.Serve("/os/apk-configuration", "boom", status: 500);
        string root = Root(temp, server.BaseUrl.Replace("http://", "http://user:secret@") + "/os");

        var (exit, _, stderr) = await Run("install-keys", "--root", root);

        Assert.Equal(4, exit);
        Assert.Contains($"GET {server.BaseUrl}/os/apk-configuration answered 500", stderr);
        Assert.DoesNotContain("secret", stderr);
        Assert.Contains("  hint: ", stderr);
    }

    [Fact]
    public async Task A_root_without_repositories_is_a_configuration_error()
    {
        using var temp = new TempDirectory();
        var (exit, _, stderr) = await Run("install-keys", "--root", temp.Path);
        Assert.Equal(2, exit);
        Assert.Equal($"error IMG1002: {Path.Combine(temp.Path, "etc", "apk", "repositories")} does not exist\n" +
            "  hint: Point --root at a root filesystem with etc/apk/repositories (one repository URL a line).\n", stderr);
    }
}
