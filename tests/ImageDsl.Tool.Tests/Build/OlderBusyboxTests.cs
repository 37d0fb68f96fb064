using System.Formats.Tar;

namespace ImageDsl.Tests.Build;

/// <summary>
/// A busybox package without `/etc/busybox-paths.d` (Alpine's, and older ones) still gets its applet links,
/// from ImageDsl's applet table for its version, as apko falls back to its own table.
/// </summary>
public sealed class OlderBusyboxTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private async Task<string> BuildLayout(bool pathsList, string? version = null)
    {
        var (layout, err) = await Build((pathsList ? "list" : "old") + version, pathsList, version);
        Assert.DoesNotContain("no applet links were made", err);
        return layout;
    }

    /// <summary>
    /// Builds an OCI layout (tagged <paramref name="tag"/>) from a busybox package of <paramref name="version"/>, with or
    /// without busybox-paths.d; <paramref name="extraYaml"/> adds top-level keys. Fails unless the build succeeds.
    /// </summary>
    private async Task<(string Layout, string Err)> Build(string name, bool pathsList, string? version, string tag = "bb:1", string extraYaml = "")
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_work.Combine("repo-" + name), pathsList: pathsList, version: version);
        string config = _work.Combine(name + ".yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{repo.Root}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            {extraYaml}archs: [amd64]
            """);
        string layout = _work.Combine("layout-" + name);
        Directory.CreateDirectory(layout);
        var result = await CliRun.Run("build", config, tag, layout, "--cache-dir", _work.Combine("cache"), "--sbom=false");
        Assert.True(result.Exit == 0, result.Err);
        return (layout, result.Err);
    }

    [Fact]
    public async Task A_package_without_a_path_list_gets_the_links_of_the_table()
    {
        string layout = await BuildLayout(pathsList: false);
        Assert.Null(LayoutLayers.Find(layout, "etc/busybox-paths.d/busybox"));
        foreach (string applet in new[] { "bin/ls", "bin/cat", "usr/bin/env", "sbin/ifconfig" })
        {
            var entry = LayoutLayers.Find(layout, applet);
            Assert.True(entry is not null, $"{applet} is not in the image");
            Assert.Equal(TarEntryType.SymbolicLink, entry.Value.Type);
            Assert.Equal("/bin/busybox", entry.Value.LinkName);
        }
    }

    [Fact]
    public async Task The_same_busybox_with_its_path_list_gets_the_same_links()
    {
        // The table was made from this busybox's own applet list, so both routes agree.
        string withList = await BuildLayout(pathsList: true);
        string withoutList = await BuildLayout(pathsList: false);
        foreach (string applet in ProcessRunner.Run(TestRepositories.BusyboxBinary, ["--list-full"]).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (applet is "bin/busybox")
            {
                continue;
            }
            Assert.Equal(LayoutLayers.Find(withList, applet)?.LinkName, LayoutLayers.Find(withoutList, applet)?.LinkName);
        }
    }

    // What each busybox version's list must be, written from the table's documented method and
    // independently of the table file: the real --list-full of the host's busybox 1.35.0, less the
    // applets busybox added after the version, plus the ones it added in 1.36.0.
    private static readonly string[] AddedIn131 = ["usr/bin/ts", "usr/sbin/i2ctransfer", "usr/sbin/mim"];
    private static readonly string[] AddedIn134 = ["usr/bin/ascii", "usr/bin/crc32"];
    private static readonly string[] AddedIn136 = ["usr/bin/tree", "usr/bin/tsort", "usr/sbin/seedrng"];

    [Theory]
    [InlineData("1.30.1-r2", false, false, false)]
    [InlineData("1.4.2-r0", false, false, false)]    // older than the table: its oldest list
    [InlineData("1.31.1-r10", true, false, false)]
    [InlineData("1.33.1-r3", true, false, false)]
    [InlineData("1.34.1-r7", true, true, false)]
    [InlineData("1.35.0-r29", true, true, false)]
    [InlineData("1.36.1-r2", true, true, true)]
    [InlineData("1.37.0-r30", true, true, true)]     // newer than the table: its newest list
    public async Task A_busybox_of_version_x_without_a_path_list_gets_exactly_the_links_of_x(string version, bool has131, bool has134, bool has136)
    {
        string layout = await BuildLayout(pathsList: false, version);

        string[] host = ProcessRunner.Run(TestRepositories.BusyboxBinary, ["--list-full"]).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("bin/ls", host);
        Assert.Contains("usr/bin/ascii", host); // the host's busybox is the 1.35 build the table starts from
        var expected = new SortedSet<string>(host.Where(a => a != "bin/busybox"), StringComparer.Ordinal);
        if (!has131)
        {
            expected.ExceptWith(AddedIn131);
        }
        if (!has134)
        {
            expected.ExceptWith(AddedIn134);
        }
        if (has136)
        {
            expected.UnionWith(AddedIn136);
        }

        SortedSet<string> links = LayoutLayers.SymlinksTo(layout, "/bin/busybox");
        Assert.Equal(expected, links);
        Assert.Equal(TarEntryType.RegularFile, LayoutLayers.Find(layout, "bin/busybox")?.Type);
    }

    [Fact]
    public async Task A_busybox_whose_version_is_not_major_minor_patch_gets_no_links_and_a_warning()
    {
        var (layout, err) = await Build("odd", pathsList: false, "1.36.1_git20240101-r0");
        Assert.Contains("version '1.36.1_git20240101-r0' is not major.minor.patch[-suffix]", err);
        Assert.Contains("no applet links were made", err);
        Assert.Equal(["bin/sh"], LayoutLayers.SymlinksTo(layout, "/bin/busybox")); // only the package's own link
    }

    /// <summary>runc execs /usr/bin/env, a link the table made, which execs the shell; the shell's commands are links too.</summary>
    [Fact]
    public async Task The_tables_links_run_the_applets_in_a_real_container()
    {
        var (layout, _) = await Build("run", pathsList: false, "1.33.1-r3", tag: "bb:run", extraYaml: """
            environment:
              PATH: /usr/sbin:/usr/bin:/sbin:/bin
            cmd: /usr/bin/env /bin/sh -c 'basename /a/b; echo x | tr x y; readlink /usr/bin/env; id -u'

            """);

        string bundle = _work.Combine("bundle");
        ProcessResult unpack = ProcessRunner.Run(RequiredTool.Find("umoci", "umoci"), ["unpack", "--image", layout + ":run", bundle]);
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        string specPath = Path.Combine(bundle, "config.json");
        var spec = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(specPath))!;
        spec["process"]!["terminal"] = false;
        File.WriteAllText(specPath, spec.ToJsonString());
        ProcessResult run = ProcessRunner.Run(RequiredTool.Find("runc", "runc"), ["run", "--bundle", bundle, "imagedsl-oldbb-" + Guid.NewGuid().ToString("N")[..10]]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("b\ny\n/bin/busybox\n0\n", run.StandardOutput);
    }
}
