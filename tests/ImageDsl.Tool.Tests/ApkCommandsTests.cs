using System.CommandLine;
using System.Text.Json;
using ImageDsl.Model;
using ImageDsl.Tool.Cli;
using ImageDsl.Tool.Commands;

namespace ImageDsl.Tests;

/// <summary>show-packages, lock, dot and explain on the shared fixture repositories.</summary>
public sealed class ApkCommandsTests : IDisposable
{
    private static readonly string CliRepo = Fixtures.Shared("apko-cli-repo");
    private readonly TempDirectory _temp = new("imagedsl-cmd");

    private static ImageConfiguration CliConfig(params string[] packages) => new()
    {
        Contents = new ImageContents
        {
            Repositories = [CliRepo],
            Keyring = [Path.Combine(CliRepo, "melange.rsa.pub")],
            Packages = [.. packages],
        },
        Archs = [Architecture.Amd64, Architecture.Arm64],
    };

    private async Task<(int Exit, string Out, string Err)> Run(Func<ConfigurationSource, Command> create, ImageConfiguration config, params string[] args)
    {
        string configPath = _temp.Combine("image.yaml");
        File.WriteAllText(configPath, "# stands for the configuration\n");
        string checksum = ApkCommandOptions.Checksum(File.ReadAllBytes(configPath));
        ConfigurationSource source = path => path == configPath
            ? new ConfigFile(config, checksum)
            : throw new InvalidOperationException("unexpected config " + path);
        Command command = create(source);
        var root = new RootCommand { GlobalOptions.LogLevel, GlobalOptions.WorkDir };
        root.Subcommands.Add(command);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] full = [command.Name, configPath, "--cache-dir", _temp.Combine("cache"), .. args];
        ParseResult parse = root.Parse(full);
        Assert.Empty(parse.Errors);
        int exit = await CommandRunner.InvokeAsync(parse, new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string ConfigPath => _temp.Combine("image.yaml");

    [Fact]
    public async Task Show_packages_lists_each_arch_in_install_order()
    {
        var (exit, output, error) = await Run(s => ShowPackagesCommand.Create(s), CliConfig("replayout"));
        Assert.True(exit == 0, error);
        Assert.Equal(
            "packages for amd64\npretend-baselayout 1.0.0-r0\nreplayout 1.0.0-r0\n" +
            "packages for arm64\npretend-baselayout 1.0.0-r0\nreplayout 1.0.0-r0\n", output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("name=version", "pretend-baselayout=1.0.0-r0")]
    [InlineData("name-(version)", "pretend-baselayout (1.0.0-r0)")]
    [InlineData("packagelock", "- pretend-baselayout=1.0.0-r0")]
    [InlineData("packagelock-source", "- pretend-baselayout=1.0.0-r0 # {repo}/x86_64/pretend-baselayout-1.0.0-r0.apk")]
    [InlineData("name-version-source", "pretend-baselayout 1.0.0-r0 {repo}/x86_64/pretend-baselayout-1.0.0-r0.apk")]
    [InlineData("{{.Name}}:{{ .Version }}", "pretend-baselayout:1.0.0-r0")]
    public async Task Show_packages_formats_match_apkos(string format, string firstLine)
    {
        var (exit, output, error) = await Run(s => ShowPackagesCommand.Create(s), CliConfig("replayout"), "--arch", "x86_64", "--format", format);
        Assert.True(exit == 0, error);
        Assert.Equal(firstLine.Replace("{repo}", CliRepo), output.ReplaceLineEndings("\n").Split('\n')[0]);
    }

    [Fact]
    public async Task An_unknown_template_field_is_a_usage_error()
    {
        var (exit, _, error) = await Run(s => ShowPackagesCommand.Create(s), CliConfig("replayout"), "--format", "{{ .License }}");
        Assert.Equal(2, exit);
        Assert.Contains("unsupported template action", error);
    }

    [Fact]
    public async Task An_unknown_arch_is_a_usage_error_with_a_suggestion()
    {
        var (exit, _, error) = await Run(s => ShowPackagesCommand.Create(s), CliConfig("replayout"), "--arch", "amd46");
        Assert.Equal(2, exit);
        Assert.Contains("unknown architecture 'amd46'", error);
        Assert.Contains("amd64", error);
    }

    [Fact]
    public async Task A_resolution_failure_exits_3_and_explains_itself()
    {
        var (exit, _, error) = await Run(s => ShowPackagesCommand.Create(s), CliConfig("replayout>=2"), "--arch", "amd64");
        Assert.Equal(3, exit);
        Assert.Contains("solving \"replayout>=2\" constraint", error);
        Assert.Contains("replayout-1.0.0-r0.apk: disqualified because", error);
    }

    [Fact]
    public async Task Lock_writes_apkos_format_and_show_packages_reads_it_back_without_indexes()
    {
        string lockPath = _temp.Combine("image.lock.json");
        string repo = _temp.Combine("repo");
        foreach (string file in Directory.GetFiles(CliRepo, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(repo, Path.GetRelativePath(CliRepo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        ImageConfiguration config = CliConfig("replayout") with { Contents = CliConfig("replayout").Contents with { Repositories = [repo] } };
        var (exit, _, error) = await Run(s => LockCommand.Create(s), config);
        Assert.True(exit == 0, error);
        string json = File.ReadAllText(lockPath);
        Assert.StartsWith("{\n  \"version\": \"v1\",\n  \"config\": {\n    \"name\": ", json);
        Assert.EndsWith("\n}\n", json);

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement contents = document.RootElement.GetProperty("contents");
        Assert.Equal(["x86_64", "aarch64"], contents.GetProperty("repositories").EnumerateArray().Select(r => r.GetProperty("architecture").GetString()));
        var packages = contents.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(["pretend-baselayout", "replayout", "pretend-baselayout", "replayout"], packages.Select(p => p.GetProperty("name").GetString()));
        foreach (JsonElement package in packages)
        {
            // Ranges are contiguous, start at 0 and end at the file's last byte.
            string file = package.GetProperty("url").GetString()!;
            long length = new FileInfo(file).Length;
            var ranges = new[] { "signature", "control", "data" }
                .Select(s => package.GetProperty(s).GetProperty("range").GetString()!["bytes=".Length..].Split('-').Select(long.Parse).ToArray()).ToList();
            Assert.Equal(0, ranges[0][0]);
            Assert.Equal(ranges[0][1] + 1, ranges[1][0]);
            Assert.Equal(ranges[1][1] + 1, ranges[2][0]);
            Assert.Equal(length - 1, ranges[2][1]);
            Assert.StartsWith("sha256-", package.GetProperty("data").GetProperty("checksum").GetString());
            Assert.Equal("Q1" + package.GetProperty("control").GetProperty("checksum").GetString()!["sha1-".Length..], package.GetProperty("checksum").GetString());
        }

        // With the lock, no index is read: remove them.
        File.Delete(Path.Combine(repo, "x86_64", "APKINDEX.tar.gz"));
        File.Delete(Path.Combine(repo, "aarch64", "APKINDEX.tar.gz"));
        var (exit2, output, error2) = await Run(s => ShowPackagesCommand.Create(s), config, "--lockfile", lockPath, "--arch", "arm64");
        Assert.True(exit2 == 0, error2);
        Assert.Equal("pretend-baselayout 1.0.0-r0\nreplayout 1.0.0-r0\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_lock_made_from_another_configuration_is_refused()
    {
        string lockPath = _temp.Combine("other.lock.json");
        File.WriteAllText(lockPath, "{\"version\":\"v1\",\"config\":{\"name\":\"x.yaml\",\"checksum\":\"sha256-other\"},\"contents\":{}}");
        var (exit, _, error) = await Run(s => ShowPackagesCommand.Create(s), CliConfig("replayout"), "--lockfile", lockPath);
        Assert.Equal(2, exit);
        Assert.Contains($"checksum in the lock file '{lockPath}' does not matches the original config: '{ConfigPath}' (maybe regenerate the lock file)", error);
    }

    [Fact]
    public async Task Dot_prints_the_graph_of_the_first_arch()
    {
        var (exit, output, error) = await Run(s => DotCommand.Create(s), CliConfig("replayout"));
        Assert.True(exit == 0, error);
        Assert.StartsWith("digraph images {\n  rankdir=LR;\n", output.ReplaceLineEndings("\n"));
        Assert.Contains($"\"{ConfigPath}\" -> \"replayout\";", output);
        Assert.Contains("\"replayout\" -> \"pretend-baselayout\";", output);
        Assert.Contains("\"pretend-baselayout\" [label=\"pretend-baselayout-1.0.0-r0\"", output);
        Assert.EndsWith("}\n", output.ReplaceLineEndings("\n"));
        var (_, spanning, _) = await Run(s => DotCommand.Create(s), CliConfig("replayout"), "-S");
        Assert.Contains("\"replayout\" -> \"pretend-baselayout\";", spanning);
    }

    [Fact]
    public async Task Explain_shows_the_chain_or_why_not()
    {
        var (exit, output, error) = await Run(s => ExplainCommand.Create(s), CliConfig("replayout"), "pretend-baselayout", "--arch", "amd64");
        Assert.True(exit == 0, error);
        Assert.Equal(
            "pretend-baselayout-1.0.0-r0 is in the image for amd64:\n" +
            "  world \"replayout\" -> replayout-1.0.0-r0\n" +
            "  replayout-1.0.0-r0 needs \"pretend-baselayout\" -> pretend-baselayout-1.0.0-r0\n", output.ReplaceLineEndings("\n"));

        var (_, notNeeded, _) = await Run(s => ExplainCommand.Create(s), CliConfig("replayout"), "custom-ca-certs-1", "--arch", "amd64");
        Assert.Contains("custom-ca-certs-1 is not in the image for amd64: nothing in the configuration needs it.", notNeeded);
        Assert.Contains("can be installed (custom-ca-certs-1-1.0.0-r0)", notNeeded);

        var (_, impossible, _) = await Run(s => ExplainCommand.Create(s), CliConfig("replayout"), "replayout>=9", "--arch", "amd64");
        Assert.Contains("replayout>=9 cannot be installed for amd64:", impossible);
        Assert.Contains("disqualified because", impossible);

        var (_, unknown, _) = await Run(s => ExplainCommand.Create(s), CliConfig("replayout"), "replayot", "--arch", "amd64");
        Assert.Contains("nothing provides \"replayot\"", unknown);
        Assert.Contains("Did you mean \"replayout\"", unknown);
    }

    [Fact]
    public async Task The_real_loader_reads_yaml_and_a_config_without_repositories_says_so()
    {
        string config = _temp.Combine("real.yaml");
        File.WriteAllText(config, "contents: {}\n");
        var stderr = new StringWriter();
        int exit = await ImageCli.RunAsync(["show-packages", config], new StringWriter(), stderr);
        Assert.Equal(2, exit);
        Assert.Contains("no repositories", stderr.ToString());
    }

    public void Dispose() => _temp.Dispose();
}

public class ArchSelectionTests
{
    [Theory]
    [InlineData(new[] { "x86_64,aarch64", "amd64" }, new[] { "amd64", "arm64" })]
    [InlineData(new[] { "arm64", "armv7", "armhf" }, new[] { "arm/v6", "arm/v7", "arm64" })]
    [InlineData(new[] { "all" }, new[] { "386", "amd64", "arm/v6", "arm/v7", "arm64", "loong64", "ppc64le", "riscv64", "s390x" })]
    public void Cli_arches_are_deduplicated_and_sorted(string[] given, string[] expected)
    {
        var options = new ImageDsl.Tool.Cli.ApkCommandOptions();
        var command = new System.CommandLine.Command("x");
        options.AddTo(command);
        var parse = command.Parse(["cfg", .. given.SelectMany(g => new[] { "--arch", g })]);
        Assert.Equal(expected, options.Archs(parse, new ImageDsl.Model.ImageConfiguration()).Select(a => a.Name));
    }

    [Fact]
    public void Without_cli_arches_the_config_order_is_kept_and_otherwise_all_are_used()
    {
        var options = new ImageDsl.Tool.Cli.ApkCommandOptions();
        var command = new System.CommandLine.Command("x");
        options.AddTo(command);
        var parse = command.Parse(["cfg"]);
        var config = new ImageDsl.Model.ImageConfiguration { Archs = [ImageDsl.Model.Architecture.Arm64, ImageDsl.Model.Architecture.Amd64] };
        Assert.Equal(["arm64", "amd64"], options.Archs(parse, config).Select(a => a.Name));
        Assert.Equal(9, options.Archs(parse, new ImageDsl.Model.ImageConfiguration()).Count);
        var host = command.Parse(["cfg", "--arch", "host"]);
        Assert.Equal([ImageDsl.Model.Architecture.Host], options.Archs(host, config));
    }
}
