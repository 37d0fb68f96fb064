using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Class 3, through the real binary: a repository URL with credentials (`user:password@`, `token@`)
/// builds, but the password and the token appear in nothing written or printed: the lock file, the
/// image (its /etc/apk/repositories and /etc/apko.json, every blob), the SBOM, show-config and errors.
/// </summary>
public sealed class CredentialsInUrlsProcessTests : IDisposable
{
    private const string Password = "pw-s3cret-in-url";
    private const string Token = "tok3n-in-url";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _temp = new("imagedsl-url-credentials");

    public void Dispose() => _temp.Dispose();

    private string Config(string repository, string keyPath)
    {
        string config = _temp.Combine("image.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{repository}]
              runtime_repositories: ['http://{Token}@runtime.example.test/main']
              keyring: [{keyPath}]
              packages: [busybox]
            archs: [amd64]
            """);
        return config;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var process = new ToolProcess(args);
        return await process.WaitAsync(Limit);
    }

    private static void AssertNoSecret(string what, string text)
    {
        Assert.False(text.Contains(Password, StringComparison.Ordinal), $"{what} holds the password: {text}");
        Assert.False(text.Contains(Token, StringComparison.Ordinal), $"{what} holds the token: {text}");
    }

    [Fact]
    public async Task Lock_image_sbom_and_output_carry_no_credentials_of_repository_urls()
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_temp.Combine("repo"));
        await using var server = await ThrottledRepositoryServer.StartAsync(repo.Root, throttle: false);
        string clean = server.BaseUrl;
        string config = Config(clean.Replace("http://", $"http://alice:{Password}@"), repo.PublicKeyPath);
        string cache = _temp.Combine("cache");

        var shown = await RunAsync("show-config", config);
        Assert.True(shown.Exit == 0, shown.Err);
        AssertNoSecret("show-config", shown.Out + shown.Err);
        Assert.Contains("xxxxx@", shown.Out);

        string lockPath = _temp.Combine("image.lock.json");
        var locked = await RunAsync("lock", config, "--output", lockPath, "--cache-dir", cache);
        Assert.True(locked.Exit == 0, locked.Err);
        string lockText = File.ReadAllText(lockPath);
        AssertNoSecret("the lock file", lockText + locked.Out + locked.Err);
        Assert.Contains(clean["http://".Length..] + "/x86_64", lockText);

        string layout = _temp.Combine("layout");
        Directory.CreateDirectory(layout);
        var built = await RunAsync("build", config, "creds:latest", layout, "--cache-dir", cache, "--sbom-path", _temp.Combine("sbom"), "--vcs=false");
        Assert.True(built.Exit == 0, built.Err);
        AssertNoSecret("build output", built.Out + built.Err);
        foreach (string file in Directory.GetFiles(_temp.Combine("sbom")))
        {
            AssertNoSecret(file, File.ReadAllText(file));
        }
        var files = new Dictionary<string, string>();
        foreach (string blob in Directory.GetFiles(Path.Combine(layout, "blobs"), "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(blob);
            if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.DataStream is null)
                    {
                        continue;
                    }
                    string text = new StreamReader(entry.DataStream, Encoding.Latin1).ReadToEnd();
                    AssertNoSecret($"image file {entry.Name}", text);
                    files[entry.Name.TrimStart('.', '/')] = text;
                }
            }
            else
            {
                AssertNoSecret(blob, Encoding.Latin1.GetString(bytes));
            }
        }
        Assert.Equal($"{clean}\nhttp://runtime.example.test/main\n", files["etc/apk/repositories"]);
        Assert.Contains($"\"{clean}\"", files["etc/apko.json"]);
    }

    [Theory]
    [InlineData("http://alice:" + Password + "@127.0.0.1:9/alpine")]
    [InlineData("http://" + Token + "@127.0.0.1:9/alpine")]
    [InlineData("http://alice:pw@with-at-" + Password + "@127.0.0.1:9/alpine")]
    public async Task An_unreachable_repository_with_credentials_fails_without_printing_them(string repository)
    {
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            File.WriteAllText(_temp.Combine("key.rsa.pub"), rsa.ExportSubjectPublicKeyInfoPem());
        }
        string config = Config(repository, _temp.Combine("key.rsa.pub"));

        var result = await RunAsync("build", config, "creds:latest", _temp.Combine("out.tar"), "--cache-dir", _temp.Combine("cache"), "--sbom=false", "--log-level", "debug");

        Assert.NotEqual(0, result.Exit);
        Assert.True(result.Err.Contains("127.0.0.1:9", StringComparison.Ordinal), result.Err);
        AssertNoSecret("the error", result.Out + result.Err);
    }
}
