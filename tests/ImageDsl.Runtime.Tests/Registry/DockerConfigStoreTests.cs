using System.Text;
using System.Text.Json.Nodes;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;

namespace ImageDsl.Tests.Registry;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DockerConfigStoreTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string ConfigPath => temp.Combine("config.json");

    [Fact]
    public void Reads_base64_auth_and_username_password_entries_under_any_key_spelling()
    {
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:pa:ss"));
        string hub = Convert.ToBase64String("hub:token"u8);
        File.WriteAllText(ConfigPath, $$$"""
            {"auths": {
              "https://registry.example:5000/v1/": {"auth": "{{{auth}}}"},
              "other.example": {"username": "bob", "password": "pw"},
              "https://index.docker.io/v1/": {"auth": "{{{hub}}}"},
              "tokens.example": {"auth": "", "identitytoken": "refresh-me"}
            }}
            """);

        RegistryCredential alice = DockerConfigStore.Find("registry.example:5000", temp.Path, "")!;
        Assert.Equal(("alice", "pa:ss"), (alice.Username, alice.Password));
        Assert.Equal(("bob", "pw"), (DockerConfigStore.Find("OTHER.example", temp.Path, "")!.Username, DockerConfigStore.Find("other.example", temp.Path, "")!.Password));
        Assert.Equal("hub", DockerConfigStore.Find("index.docker.io", temp.Path, "")!.Username);
        Assert.Equal("hub", DockerConfigStore.Find("docker.io", temp.Path, "")!.Username);
        Assert.Equal("refresh-me", DockerConfigStore.Find("tokens.example", temp.Path, "")!.IdentityToken);
        Assert.Null(DockerConfigStore.Find("registry.example", temp.Path, ""));
        Assert.Null(DockerConfigStore.Find("registry.example:5000", temp.Combine("missing"), ""));
        Assert.DoesNotContain("pa:ss", alice.ToString());
    }

    [Fact]
    public void Credential_helpers_are_asked_with_the_registry_on_stdin()
    {
        string bin = temp.Combine("bin");
        Directory.CreateDirectory(bin);
        WriteHelper(bin, "pass", """
            read server
            case "$server" in
              registry.example) echo '{"ServerURL":"registry.example","Username":"helper-user","Secret":"helper-secret"}' ;;
              https://index.docker.io/v1/) echo '{"ServerURL":"x","Username":"<token>","Secret":"identity"}' ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac
            """);
        WriteHelper(bin, "store", """
            read server
            echo '{"Username":"store-user","Secret":"store-secret"}'
            """);
        File.WriteAllText(ConfigPath, """
            {"credsStore": "store", "credHelpers": {"registry.example": "pass", "docker.io": "pass", "unknown.example": "pass"},
             "auths": {"fallback.example": {"username": "file-user", "password": "file-pw"}}}
            """);

        RegistryCredential fromHelper = DockerConfigStore.Find("registry.example", temp.Path, bin)!;
        Assert.Equal(("helper-user", "helper-secret"), (fromHelper.Username, fromHelper.Password));
        Assert.Contains("docker-credential-pass", fromHelper.Source);
        Assert.Equal("identity", DockerConfigStore.Find("index.docker.io", temp.Path, bin)!.IdentityToken);
        Assert.Null(DockerConfigStore.Find("unknown.example", temp.Path, bin));
        Assert.Equal("store-user", DockerConfigStore.Find("fallback.example", temp.Path, bin)!.Username);
    }

    [Fact]
    public void A_missing_credential_helper_is_a_clear_error()
    {
        File.WriteAllText(ConfigPath, """{"credHelpers": {"registry.example": "nothere"}}""");
        var error = Assert.Throws<ImageDslException>(() => DockerConfigStore.Find("registry.example", temp.Path, temp.Path));
        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        Assert.Contains("docker-credential-nothere is not on PATH", error.Message);
    }

    [Fact]
    public void Broken_config_files_are_configuration_errors_naming_the_file()
    {
        File.WriteAllText(ConfigPath, "{ not json");
        var error = Assert.Throws<ImageDslException>(() => DockerConfigStore.Find("r.example", temp.Path, ""));
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        Assert.Contains(ConfigPath, error.Message);

        File.WriteAllText(ConfigPath, """{"auths": {"r.example": {"auth": "!!!"}}}""");
        Assert.Contains("not base64", Assert.Throws<ImageDslException>(() => DockerConfigStore.Find("r.example", temp.Path, "")).Message);
    }

    [Fact]
    public void Saving_a_login_keeps_other_entries_and_keys_and_is_private()
    {
        File.WriteAllText(ConfigPath, """
            {"auths": {"keep.example": {"auth": "a2VlcDprZWVw"}, "https://registry.example/v1/": {"auth": "b2xkOm9sZA=="}},
             "psFormat": "table {{.ID}}", "HttpHeaders": {"X-Keep": "1"}}
            """);

        string where = DockerConfigStore.SaveLogin("registry.example", "alice", "new-secret", temp.Path);

        Assert.Equal(ConfigPath, where);
        JsonObject config = JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();
        Assert.Equal("table {{.ID}}", config["psFormat"]!.GetValue<string>());
        Assert.Equal("1", config["HttpHeaders"]!["X-Keep"]!.GetValue<string>());
        Assert.Equal("a2VlcDprZWVw", config["auths"]!["keep.example"]!["auth"]!.GetValue<string>());
        Assert.Null(config["auths"]!["https://registry.example/v1/"]);
        Assert.Equal(Convert.ToBase64String("alice:new-secret"u8), config["auths"]!["registry.example"]!["auth"]!.GetValue<string>());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        Assert.Single(Directory.GetFiles(temp.Path));
        Assert.Equal("new-secret", DockerConfigStore.Find("registry.example", temp.Path, "")!.Password);
    }

    [Fact]
    public void Saving_creates_a_private_directory_and_uses_the_docker_hub_key()
    {
        string directory = temp.Combine("new", ".docker");
        DockerConfigStore.SaveLogin("docker.io", "hubuser", "pw", directory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "config.json")))!["auths"]!["https://index.docker.io/v1/"]);
    }

    [Fact]
    public void Saving_through_a_configured_credential_store_runs_the_helper()
    {
        string bin = temp.Combine("bin");
        Directory.CreateDirectory(bin);
        string stored = temp.Combine("stored.json");
        WriteHelper(bin, "keep", $"[ \"$1\" = store ] && cat > '{stored}'");
        File.WriteAllText(ConfigPath, """{"credsStore": "keep"}""");

        string where = DockerConfigStore.SaveLogin("registry.example", "alice", "pw", temp.Path, bin);

        Assert.Equal("credential helper docker-credential-keep", where);
        JsonNode record = JsonNode.Parse(File.ReadAllText(stored))!;
        Assert.Equal("registry.example", record["ServerURL"]!.GetValue<string>());
        Assert.Equal("pw", record["Secret"]!.GetValue<string>());
        Assert.DoesNotContain("pw", File.ReadAllText(ConfigPath));
    }

    [Theory]
    [InlineData("", "pw", "user name")]
    [InlineData("a:b", "pw", "user name")]
    [InlineData("alice", "", "password is empty")]
    public void Bad_logins_are_refused(string user, string password, string expected) =>
        Assert.Contains(expected, Assert.Throws<ImageDslException>(() => DockerConfigStore.SaveLogin("r.example", user, password, temp.Path)).Message);

    private static void WriteHelper(string bin, string name, string script)
    {
        string path = Path.Combine(bin, "docker-credential-" + name);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
