using System.Text.Json.Nodes;
using ImageDsl.Errors;
using ImageDsl.Oci.Registry;
using ImageDsl.Tests.Registry;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests;

/// <summary>`dotnet image login`, run as a process so DOCKER_CONFIG and stdin are its own.</summary>
public sealed class LoginCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Login_with_password_stdin_lets_a_push_through_basic_auth()
    {
        using TestRegistry registry = TestRegistry.Start(TestRegistry.HtpasswdAuth(temp, "carol", "pa55-word"));
        TestLayout layout = TestLayout.Create(temp.Combine("layout"));
        string config = temp.Combine("docker");
        ImageReference tag = ImageReference.Parse($"{registry.Host}/login/app:1");
        var options = new PushOptions { DockerConfigDirectory = config, CredentialHelperSearchPath = "" };

        var denied = await Assert.ThrowsAsync<ImageDslException>(() => LayoutPusher.PushAsync(layout.Directory, [tag], options));
        Assert.Equal(ErrorKind.Unauthorized, denied.Kind);
        Assert.Equal(7, denied.ExitCode);
        Assert.Contains($"dotnet image login {registry.Host} -u <user> --password-stdin", denied.Hint);

        ProcessResult login = RunTool(["login", registry.Host, "-u", "carol", "--password-stdin"], config, "pa55-word\n");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains($"logged in to {registry.Host} as carol", login.StandardOutput);
        Assert.DoesNotContain("pa55-word", login.StandardOutput + login.StandardError);

        PushResult result = await LayoutPusher.PushAsync(layout.Directory, [tag], options);
        Assert.Equal(layout.IndexDigest, result.Digest);
    }

    [Fact]
    public void Login_with_p_warns_keeps_other_entries_and_writes_a_private_file()
    {
        string config = temp.Combine("docker");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "config.json"), """{"auths":{"keep.example":{"auth":"a2VlcDprZWVw"}},"detachKeys":"ctrl-x"}""");

        ProcessResult login = RunTool(["login", "registry.example:5000", "-u", "dave", "-p", "secret"], config, null);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("warning: --password is visible", login.StandardError);
        string path = Path.Combine(config, "config.json");
        JsonNode saved = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("a2VlcDprZWVw", saved["auths"]!["keep.example"]!["auth"]!.GetValue<string>());
        Assert.Equal("ctrl-x", saved["detachKeys"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String("dave:secret"u8), saved["auths"]!["registry.example:5000"]!["auth"]!.GetValue<string>());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Login_creates_config_json_in_a_folder_without_one(bool folderExists)
    {
        string config = temp.Combine("fresh", "docker");
        if (folderExists)
        {
            Directory.CreateDirectory(config);
        }

        ProcessResult login = RunTool(["login", "registry.example", "-u", "erin", "--password-stdin"], config, "s3cret\n");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal("", login.StandardError);
        JsonNode saved = JsonNode.Parse(File.ReadAllText(Path.Combine(config, "config.json")))!;
        Assert.Equal(Convert.ToBase64String("erin:s3cret"u8), saved["auths"]!["registry.example"]!["auth"]!.GetValue<string>());
        Assert.Equal([Path.Combine(config, "config.json")], Directory.GetFileSystemEntries(config));
    }

    [Fact]
    public void Login_writes_through_a_symlinked_config_json()
    {
        string config = temp.Combine("linked");
        Directory.CreateDirectory(config);
        string real = temp.Combine("dotfiles-docker.json");
        File.WriteAllText(real, """{"auths":{}}""");
        File.CreateSymbolicLink(Path.Combine(config, "config.json"), real);

        ProcessResult login = RunTool(["login", "registry.example", "-u", "erin", "--password-stdin"], config, "s3cret\n");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.NotNull(new FileInfo(Path.Combine(config, "config.json")).LinkTarget);
        Assert.Contains("registry.example", File.ReadAllText(real));
    }

    [Theory]
    [InlineData(new[] { "login", "r.example", "-u", "x" }, "no password given")]
    [InlineData(new[] { "login", "r.example", "-u", "x", "-p", "y", "--password-stdin" }, "not both")]
    [InlineData(new[] { "login", "not a host", "-u", "x", "-p", "y" }, "is not a registry host[:port]")]
    public async Task Bad_logins_are_usage_errors(string[] args, string expected)
    {
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(args, new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr.ToString());
    }

    [Fact]
    public async Task Login_needs_a_user_name()
    {
        int exit = await ImageCli.RunAsync(["login", "r.example", "-p", "y"], new StringWriter(), new StringWriter());
        Assert.Equal(2, exit);
    }

    private ProcessResult RunTool(string[] args, string dockerConfig, string? stdin) =>
        ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "dotnet-image.dll"), .. args],
            environment: new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dockerConfig },
            standardInput: stdin ?? "",
            timeout: TimeSpan.FromMinutes(1));
}
