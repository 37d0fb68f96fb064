using System.Text.RegularExpressions;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tests.Migrating;

namespace ImageDsl.Tests.Cli;

/// <summary>
/// docs/migrating-from-apko.md promises that its apko command lines run unchanged with `apko` replaced by
/// `dotnet image`: each `apko …` line of its bash blocks runs here, in order, offline, against an apko.yaml
/// over the sample repository.
/// </summary>
public sealed class MigratingExamplesTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>The `apko …` lines of the page's ```bash blocks, in page order.</summary>
    private static IReadOnlyList<string> ApkoLines()
    {
        string page = File.ReadAllText(Fixtures.Repo("docs", "migrating-from-apko.md"));
        return Regex.Matches(page, @"```bash\n(.*?)```", RegexOptions.Singleline)
            .SelectMany(block => block.Groups[1].Value.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("apko ", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>
    /// apko's README example builds `examples/alpine-base.yaml` (run from apko's checkout): the same file here,
    /// its Alpine repository replaced by a stand-in `alpine-base` package, every other field apko's.
    /// </summary>
    private void WriteApkosAlpineBaseExample()
    {
        string examples = Fixtures.Shared("apko-examples");
        ImageConfiguration alpineBase = ConfigurationLoader.Load("examples/alpine-base.yaml", new() { WorkingDirectory = examples }).Configuration;
        string key = StandInRepository.Write(_work.Combine("standin"), ["alpine-base"], ["x86_64", "aarch64"]);
        Directory.CreateDirectory(_work.Combine("examples"));
        File.WriteAllText(_work.Combine("examples", "alpine-base.yaml"), ApkoYamlWriter.Write(alpineBase with
        {
            Contents = alpineBase.Contents with { Repositories = [_work.Combine("standin")], Keyring = [key] },
        }));
    }

    [Fact]
    public void Every_apko_example_on_the_page_runs_with_dotnet_image()
    {
        IReadOnlyList<string> lines = ApkoLines();
        Assert.True(lines.Count >= 8, $"the page lost its examples: {string.Join("; ", lines)}");
        File.WriteAllText(_work.Combine("apko.yaml"), $"""
            contents:
              keyring: [{Fixtures.Repo("samples", "keys", "sample.rsa.pub")}]
              repositories: [{Fixtures.Repo("samples", "repo")}]
              packages: [hello-world]
            archs: [amd64, arm64]
            """);
        Directory.CreateDirectory(_work.Combine("sboms"));
        WriteApkosAlpineBaseExample();
        var environment = ToolProcess.CleanEnvironment(("XDG_CACHE_HOME", _work.Combine("xdg-cache")), ("SOURCE_DATE_EPOCH", null));
        foreach (string line in lines)
        {
            // The examples use no quoting, so words split on spaces as a shell would split them.
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            ProcessResult result = ProcessRunner.Run(ToolProcess.Path, words[1..], workingDirectory: _work.Path,
                environment: environment, timeout: TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, $"`{line}` as `dotnet image {line[5..]}` failed:\n{result}");
        }
        Assert.True(File.Exists(_work.Combine("apko.lock.json")), "apko lock apko.yaml writes apko.lock.json");
        Assert.True(File.Exists(_work.Combine("apko-alpine.tar")), "apko's README example writes apko-alpine.tar");
        Assert.True(File.Exists(_work.Combine("rootfs.tar")));
        Assert.True(File.Exists(_work.Combine("sboms", "sbom-x86_64.spdx.json")));
    }
}
