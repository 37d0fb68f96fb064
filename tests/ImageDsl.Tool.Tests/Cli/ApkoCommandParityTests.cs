using System.CommandLine;
using ImageDsl.Tool.Cli;

namespace ImageDsl.Tests.Cli;

/// <summary>
/// The command-line parity docs/cli.md promises: apko's command names, flag names, short forms and
/// defaults (apko's as recorded in shared/docs/apko-behaviour.md §2), so an apko command line works
/// after replacing `apko` with `dotnet image`. Checked on the parsed command tree, without running a build.
/// </summary>
public class ApkoCommandParityTests
{
    private static readonly RootCommand Root = ImageCli.CreateRoot();

    private static Command Find(string name) =>
        Root.Subcommands.SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"no command '{name}'");

    /// <summary>Options visible to a command: its own plus the recursive ones of the root.</summary>
    private static IEnumerable<Option> OptionsOf(Command command) =>
        command.Options.Concat(Root.Options.Where(o => o.Recursive));

    private static Option? FindOption(Command command, string name) =>
        OptionsOf(command).SingleOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    [Theory]
    [InlineData("build")]
    [InlineData("publish")]
    [InlineData("build-minirootfs")]
    [InlineData("build-cpio")]
    [InlineData("lock")]
    [InlineData("show-config")]
    [InlineData("show-packages")]
    [InlineData("dot")]
    [InlineData("login")]
    [InlineData("install-keys")]
    [InlineData("clean")]
    [InlineData("version")]
    public void Apkos_commands_exist_under_their_apko_names(string command) => Assert.Equal(command, Find(command).Name);

    /// <summary>Every row of cli.md's "Flags shared with apko" table, on every command its "on" column names.</summary>
    [Theory]
    [InlineData("--arch", null, "build publish lock show-packages dot explain show-config")]
    [InlineData("--keyring-append", "-k", "build publish lock show-packages dot explain show-config")]
    [InlineData("--repository-append", "-r", "build publish lock show-packages dot explain show-config")]
    [InlineData("--build-repository-append", "-b", "build publish lock show-packages dot explain show-config")]
    [InlineData("--package-append", "-p", "build publish lock show-packages dot explain show-config")]
    [InlineData("--include-paths", null, "build lock show-config")]
    [InlineData("--format", null, "build publish")]
    [InlineData("--cache-dir", null, "build publish lock show-packages dot explain clean")]
    [InlineData("--offline", null, "build publish show-packages dot explain")]
    [InlineData("--ignore-signatures", null, "build publish lock show-packages dot explain")]
    [InlineData("--lockfile", null, "build publish show-packages")]
    [InlineData("--annotations", null, "build publish")]
    [InlineData("--build-date", null, "build publish build-minirootfs")]
    [InlineData("--sbom", null, "build publish")]
    [InlineData("--sbom-formats", null, "build publish")]
    [InlineData("--sbom-path", null, "build publish build-minirootfs")]
    [InlineData("--vcs", null, "build publish")]
    [InlineData("--max-apkindex-decompressed-size", null, "build")]
    [InlineData("--max-apk-control-size", null, "build")]
    [InlineData("--max-apk-data-size", null, "build")]
    [InlineData("--max-http-response-size", null, "build")]
    [InlineData("--image-refs", null, "publish")]
    [InlineData("--local", null, "publish")]
    [InlineData("--build-arch", null, "build-minirootfs build-cpio")]
    [InlineData("--output", null, "lock")]
    [InlineData("--spanning-tree", "-S", "dot")]
    [InlineData("--dry-run", null, "clean")]
    [InlineData("--password-stdin", null, "login")]
    [InlineData("--username", "-u", "login")]
    [InlineData("--password", "-p", "login")]
    [InlineData("--workdir", "-C", "build show-config clean version")]
    [InlineData("--log-level", null, "build show-config clean version")]
    public void Apkos_flags_exist_with_apkos_names_and_short_forms(string name, string? shortForm, string commands)
    {
        foreach (string commandName in commands.Split(' '))
        {
            Option? option = FindOption(Find(commandName), name);
            Assert.True(option is not null, $"'{commandName}' has no option {name}");
            if (shortForm is not null)
            {
                Assert.True(option!.Aliases.Contains(shortForm) || option.Name == shortForm, $"'{commandName} {name}' lacks apko's short form {shortForm}");
            }
        }
    }

    /// <summary>apko's defaults: `--sbom` and `--vcs` on.</summary>
    [Theory]
    [InlineData("--sbom", true)]
    [InlineData("--vcs", true)]
    public void Build_boolean_flags_default_to_apkos_values(string name, bool expected)
    {
        ParseResult parse = Root.Parse(["build", "a.yaml", "t:1", "out.tar"]);
        Assert.Empty(parse.Errors);
        Assert.Equal(expected, parse.GetValue<bool>(name));
    }

    [Fact]
    public void Sbom_and_vcs_can_be_turned_off_as_in_apko()
    {
        ParseResult parse = Root.Parse(["build", "a.yaml", "t:1", "out.tar", "--sbom=false", "--vcs=false"]);
        Assert.Empty(parse.Errors);
        Assert.False(parse.GetValue<bool>("--sbom"));
        Assert.False(parse.GetValue<bool>("--vcs"));
    }

    [Fact]
    public void Log_level_defaults_to_info_as_in_apko()
    {
        ParseResult parse = Root.Parse(["version"]);
        Assert.Empty(parse.Errors);
        Assert.Equal("info", parse.GetValue<string>("--log-level"));
    }

    /// <summary>The size limits that `0` selects are apko's defaults (apko-behaviour.md §2.3).</summary>
    [Fact]
    public void Size_limit_defaults_are_apkos()
    {
        Assert.Equal(300L * 1024 * 1024, ImageDsl.Apk.Index.ApkIndex.DefaultMaxDecompressedSize);
        Assert.Equal(10L * 1024 * 1024, ImageDsl.Apk.Packages.ApkPackageReaderOptions.DefaultMaxControlSize);
        Assert.Equal(16L * 1024 * 1024 * 1024, ImageDsl.Apk.Packages.ApkPackageReaderOptions.DefaultMaxDataSize);
        Assert.Equal(8L * 1024 * 1024 * 1024, ImageDsl.Apk.Repositories.RepositoryClientOptions.DefaultMaxHttpResponseSize);
    }

    /// <summary>
    /// apko's show-config discovers keys over the network first; ours reads none, so repositories and
    /// keys at an address nothing listens on (port 9, discard) do not matter.
    /// </summary>
    [Fact]
    public async Task Show_config_reads_no_network()
    {
        using var work = new TempDirectory();
        string config = work.Combine("net.yaml");
        File.WriteAllText(config, """
            contents:
              keyring: [http://127.0.0.1:9/keys/k.rsa.pub]
              repositories: [http://127.0.0.1:9/alpine/main]
              packages: [busybox]
            archs: [amd64]
            """);
        var result = await CliRun.Run("show-config", config);
        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("http://127.0.0.1:9/alpine/main", result.Out);
    }
}
