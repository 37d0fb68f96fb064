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

    private async Task<string> BuildLayout(bool pathsList)
    {
        TestRepository repo = TestRepositories.CreateBusyboxRepository(_work.Combine(pathsList ? "repo-list" : "repo-old"), pathsList: pathsList);
        string config = _work.Combine(pathsList ? "list.yaml" : "old.yaml");
        File.WriteAllText(config, $"""
            contents:
              repositories: [{repo.Root}]
              keyring: [{repo.PublicKeyPath}]
              packages: [busybox]
            archs: [amd64]
            """);
        string layout = _work.Combine(pathsList ? "layout-list" : "layout-old");
        Directory.CreateDirectory(layout);
        var result = await CliRun.Run("build", config, "bb:1", layout, "--cache-dir", _work.Combine("cache"), "--sbom=false");
        Assert.True(result.Exit == 0, result.Err);
        Assert.DoesNotContain("no applet links were made", result.Err);
        return layout;
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
}
