using System.Text.RegularExpressions;

namespace ImageDsl.Tests.Migrating;

/// <summary>Every apko example configuration is read and validated, and show-config prints apko's fields only (and all the example sets).</summary>
public sealed partial class ApkoExampleConfigTests
{
    /// <summary>apko's configuration fields (apko's `pkg/build/types/types.go`); show-config prints only these.</summary>
    private static readonly HashSet<string> ApkoFields = new(StringComparer.Ordinal)
    {
        "contents", "entrypoint", "cmd", "stop-signal", "work-dir", "accounts", "archs", "environment", "paths",
        "include", "volumes", "annotations", "layering", "certificates", "vcs-url",
    };

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(ApkoExampleBuilds.ExamplesRoot, "examples"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_apko_example_is_accepted_and_show_config_gives_apkos_fields(string name)
    {
        string path = Path.Combine(ApkoExampleBuilds.ExamplesRoot, "examples", name);
        var (exit, stdout, stderr) = await CliRun.Run("show-config", path, "--include-paths", ApkoExampleBuilds.ExamplesRoot);
        Assert.True(exit == 0, stderr);
        Assert.Equal("", stderr);
        var shown = TopLevelKeys(stdout);
        Assert.Empty(shown.Except(ApkoFields));
        // Every field the example sets (or gets from its include) is shown; include itself is merged away.
        var given = TopLevelKeys(File.ReadAllText(path)).Where(k => k != "include");
        if (name is "include.yaml" or "overlay.yaml")
        {
            given = given.Concat(TopLevelKeys(File.ReadAllText(Path.Combine(ApkoExampleBuilds.ExamplesRoot, "examples", "alpine-base.yaml"))));
        }
        Assert.Empty(given.Except(shown));
    }

    private static HashSet<string> TopLevelKeys(string yaml) =>
        [.. TopLevelKey().Matches(yaml).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?m)^([A-Za-z_-]+):")]
    private static partial Regex TopLevelKey();
}
