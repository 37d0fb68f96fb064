using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests;

public class KeygenCommandTests
{
    [Fact]
    public async Task Keygen_writes_a_private_key_only_its_owner_can_read_and_a_matching_public_key()
    {
        using var dir = new TempDirectory();
        var (exit, stdout, stderr) = await CliRun.Run("keygen", "demo", "-o", dir.Path, "--bits", "2048");
        Assert.True(exit == 0, stderr);
        string privatePath = dir.Combine("demo.rsa");
        string publicPath = dir.Combine("demo.rsa.pub");
        Assert.Contains(privatePath, stdout);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privatePath));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        }
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        using ApkPrivateKey key = ApkPrivateKey.FromFile(privatePath);
        Assert.Equal("demo.rsa.pub", key.PublicKeyName);
        byte[] signature = key.SignSha256("data"u8);
        Assert.True(ApkPublicKey.FromFile(publicPath).Verify("data"u8, signature, SignatureType.Rsa256));
    }

    [Fact]
    public async Task Keygen_refuses_to_overwrite_a_key_unless_forced()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await CliRun.Run("keygen", "demo.rsa", "-o", dir.Path, "--bits", "2048")).Exit);
        string before = File.ReadAllText(dir.Combine("demo.rsa"));

        var (exit, _, stderr) = await CliRun.Run("keygen", "demo", "-o", dir.Path, "--bits", "2048");
        Assert.Equal(2, exit);
        Assert.Contains("refusing to overwrite", stderr);
        Assert.Contains("--force", stderr);
        Assert.Equal(before, File.ReadAllText(dir.Combine("demo.rsa")));

        Assert.Equal(0, (await CliRun.Run("keygen", "demo", "-o", dir.Path, "--bits", "2048", "--force")).Exit);
        Assert.NotEqual(before, File.ReadAllText(dir.Combine("demo.rsa")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    public async Task Keygen_refuses_names_that_are_not_plain_file_names(string name)
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliRun.Run("keygen", name, "-o", dir.Path, "--bits", "2048");
        Assert.Equal(2, exit);
        Assert.Contains("is not a plain file name", stderr);
    }
}
