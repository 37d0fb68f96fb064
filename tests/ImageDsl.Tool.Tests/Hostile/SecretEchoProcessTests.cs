namespace ImageDsl.Tests.Hostile;

/// <summary>
/// Class 8, through the real binary: `include:` of a file that is not a configuration (a shadow file, a
/// .env file, a bare password) is an error naming the file and line, and prints none of its content.
/// </summary>
public sealed class SecretEchoProcessTests : IDisposable
{
    private const string Secret = "SeCrEtHaSh0123456789";
    private readonly TempDirectory _temp = new("imagedsl-secret-echo");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("shadow", "root:$6$salt$" + Secret + ":19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", "(1,1): error IMG0001")]
    [InlineData("env", "DB_PASSWORD=" + Secret + "\nAPI_KEY=\"abc def\"\n", "(1,1): error IMG0002")]
    [InlineData("password", Secret + "\n", "(1,1): error IMG0002")]
    public async Task Including_a_file_that_is_not_a_configuration_prints_none_of_it(string name, string content, string expected)
    {
        string secretFile = _temp.Combine(name);
        File.WriteAllText(secretFile, content);
        string config = _temp.Combine("image.yaml");
        File.WriteAllText(config, $"include: {secretFile}\ncontents:\n  packages: [busybox]\n");

        using var process = new ToolProcess("show-config", config);
        var (exit, stdout, stderr) = await process.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.True(stderr.Contains(secretFile + expected, StringComparison.Ordinal), stderr);
        Assert.False((stdout + stderr).Contains(Secret, StringComparison.Ordinal), stderr);
    }
}
