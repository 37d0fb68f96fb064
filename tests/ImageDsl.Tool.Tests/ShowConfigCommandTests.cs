using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests;

/// <summary>`dotnet image show-config`, driven in-process.</summary>
public sealed class ShowConfigCommandTests : IDisposable
{
    private static readonly string ExamplesRoot = Fixtures.Shared("apko-examples");
    private readonly TempDirectory _dir = new("imagedsl-show-config");

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string yaml)
    {
        string path = _dir.Combine(name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(ExamplesRoot, "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Prints_every_apko_example_as_the_loaded_configuration(string name)
    {
        string path = Path.Combine(ExamplesRoot, "examples", name);
        var (exit, stdout, stderr) = await Run("show-config", path, "--include-paths", ExamplesRoot);
        Assert.True(exit == 0, stderr);
        Assert.Equal("", stderr);
        ImageConfiguration expected = ConfigurationLoader.Load(path, new() { IncludePaths = [ExamplesRoot] }).Configuration;
        Assert.Equal(expected, ConfigurationLoader.Parse(stdout, name).Configuration);
    }

    [Fact]
    public async Task Prints_the_bundled_sample()
    {
        var (exit, stdout, stderr) = await Run("show-config", Fixtures.Repo("samples", "hello", "hello.yaml"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("run-as: hello", stdout);
        Assert.Contains("homedir: /home/hello", stdout);
    }

    [Fact]
    public async Task Applies_the_append_flags_and_arch()
    {
        string path = Write("a.yaml", "contents:\n  repositories: [https://a]\n  packages: [busybox]\n");
        var (exit, stdout, _) = await Run("show-config", path, "-p", "curl,jq", "--package-append", "git",
            "-r", "https://user:pw@extra", "-b", "./local", "-k", "k.rsa.pub", "--arch", "x86_64,aarch64");
        Assert.Equal(0, exit);
        ImageConfiguration shown = ConfigurationLoader.Parse(stdout).Configuration;
        Assert.Equal(["busybox", "curl", "jq", "git"], shown.Contents.Packages);
        Assert.Equal(["https://a", "https://xxxxx@extra"], shown.Contents.Repositories);
        Assert.Equal(["./local"], shown.Contents.BuildRepositories);
        Assert.Equal(["k.rsa.pub"], shown.Contents.Keyring);
        Assert.Equal([Architecture.Amd64, Architecture.Arm64], shown.Archs);
    }

    [Fact]
    public async Task Warnings_go_to_stderr_and_do_not_fail()
    {
        string path = Write("w.yaml", "contents:\n  packages: [a, a]\n");
        var (exit, stdout, stderr) = await Run("show-config", path);
        Assert.Equal(0, exit);
        Assert.Equal($"{path}(2,17): warning IMG0005: the package 'a' is listed more than once\n", stderr.ReplaceLineEndings("\n"));
        Assert.Contains("packages:", stdout);
    }

    public static TheoryData<string, string, string, int, int, string> BadConfigurations() => new()
    {
        { "unknown key", "contents:\n  packages: [a]\n  pakages: [b]\n", "IMG0001", 3, 3, "unknown field 'pakages' in contents; did you mean 'packages'?" },
        { "misspelt arch", "archs:\n  - aarch46\n", "IMG0003", 2, 5, "unknown architecture 'aarch46'; did you mean 'arm64'?" },
        { "bad octal 0o999", "paths:\n  - path: /a\n    type: directory\n    permissions: 0o999\n", "IMG0016", 4, 18, "permissions '0o999' are not octal file permissions" },
        { "bad octal rwx", "paths:\n  - path: /a\n    type: directory\n    permissions: rwx\n", "IMG0016", 4, 18, "permissions 'rwx' are not octal file permissions" },
        { "uid 0", "accounts:\n  users:\n    - username: r\n      uid: 0\n", "IMG0006", 4, 12, "configured user 'r' has UID 0" },
        { "list where a map belongs", "contents:\n  - busybox\n", "IMG0034", 2, 3, "contents must be a mapping, not a list" },
        { "unclosed flow", "archs: [amd64\n", "IMG0002", 2, 1, "not valid YAML: " },
        { "not a mapping", "just words\n", "IMG0002", 1, 1, "an image configuration must be a YAML mapping of apko's fields (contents, archs, ...), not a text of 10 characters (not shown, in case the file is not a configuration)" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task A_bad_configuration_is_one_located_line_a_hint_and_exit_2(string what, string yaml, string id, int line, int column, string message)
    {
        string path = Write(what.Replace(' ', '-') + ".yaml", yaml);
        var (exit, stdout, stderr) = await Run("show-config", path);
        AssertOneLocatedError(exit, stdout, stderr, $"{path}({line},{column}): error {id}: {message}");
    }

    [Fact]
    public async Task A_binary_file_is_one_located_line_and_exit_2()
    {
        string path = _dir.Combine("image.tar.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x09, 0x6e, 0x88, 0x00, 0xff]);
        var (exit, stdout, stderr) = await Run("show-config", path);
        AssertOneLocatedError(exit, stdout, stderr, $"{path}(1,1): error IMG0002: not a YAML text file: the control character U+001F is not allowed in YAML");
    }

    [Fact]
    public async Task An_include_cycle_is_reported_at_the_include_line()
    {
        string a = Write("a.yaml", "contents:\n  packages: [a]\ninclude: b.yaml\n");
        string b = Write("b.yaml", "include: a.yaml\n");
        var (exit, stdout, stderr) = await Run("show-config", a);
        AssertOneLocatedError(exit, stdout, stderr, $"{b}(1,10): error IMG0021: include cycle: {a} -> {b} -> {a}");
    }

    [Fact]
    public async Task A_missing_include_is_reported_at_the_include_line()
    {
        string a = Write("a.yaml", "contents:\n  packages: [a]\ninclude: gone.yaml\n");
        var (exit, stdout, stderr) = await Run("show-config", a);
        Assert.Equal(2, exit);
        string first = stderr.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.StartsWith($"{a}(3,10): error IMG0022: included file 'gone.yaml' was not found (looked in ", first);
        Assert.Contains(_dir.Combine("gone.yaml"), first);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_missing_file_is_a_one_line_error_and_exit_2()
    {
        var (exit, stdout, stderr) = await Run("show-config", _dir.Combine("absent.yaml"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error IMG1002: configuration file '", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var (exit, stdout, _) = await Run("show-config", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Example:", stdout);
        Assert.Contains("dotnet image show-config samples/hello/hello.yaml", stdout);
    }

    private static void AssertOneLocatedError(int exit, string stdout, string stderr, string expectedLine)
    {
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        string[] lines = stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        if (expectedLine.EndsWith(": ", StringComparison.Ordinal))
        {
            Assert.StartsWith(expectedLine, lines[0]);
        }
        else
        {
            Assert.Equal(expectedLine, lines[0]);
        }
        Assert.StartsWith("  hint: ", lines[1]);
        Assert.DoesNotContain("   at ", stderr);
    }
}
