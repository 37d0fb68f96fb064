using System.Formats.Tar;
using System.Text;
using System.Text.RegularExpressions;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;
using ImageDsl.Assembling.Busybox;
using ImageDsl.Model;

namespace ImageDsl.Tests.Migrating;

/// <summary>
/// docs/migrating-from-apko.md's "Differences in what is built" table, checked row by row on our builds of
/// apko's own example configurations (<see cref="ApkoExampleBuilds"/>). Each row's check asserts the
/// property that makes it a difference on our side; apko's side is not run (no apko here), the page names
/// the apko source it comes from. A row without a check, or a check without a row, fails.
/// </summary>
public sealed partial class MigratingDifferencesTests : IClassFixture<ApkoExampleBuilds>
{
    private readonly ApkoExampleBuilds _examples;

    public MigratingDifferencesTests(ApkoExampleBuilds examples) => _examples = examples;

    /// <summary>The first-column names of the page's differences table, without markdown.</summary>
    private static IReadOnlyList<string> PageRows()
    {
        string page = File.ReadAllText(Fixtures.Repo("docs", "migrating-from-apko.md"));
        int start = page.IndexOf("\n## Differences in what is built", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page lost its 'Differences in what is built' section");
        int end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = page[start..(end < 0 ? page.Length : end)];
        return section.Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line.Split('|')[1].Trim().Replace("`", "", StringComparison.Ordinal))
            .Where(cell => cell is not ("difference" or "---") && !cell.StartsWith("---", StringComparison.Ordinal))
            .ToList();
    }

    public static TheoryData<string> Rows() => [.. PageRows()];

    private Dictionary<string, Action> Checks() => new(StringComparer.Ordinal)
    {
        ["installed database i: line"] = InstalledDatabaseHasNoGoListFormatting,
        ["file ownership"] = PackageOwnersReachTheLayer,
        ["/etc/ld.so.cache"] = LdSoCacheIsGlibcs,
        ["paths entry without permissions"] = PathsWithoutPermissionsGetUsualModes,
        ["symlink path mutation"] = SymlinkMutationLeavesTheTargetAlone,
        ["hardlink path mutation"] = HardlinkMutationIsAHardLink,
        ["layer compression"] = LayersAreOneGzipMemberWithGosHeader,
        ["tar output"] = TarIsAnOciArchiveAndDockerLoadable,
        ["docker tags in a multi-arch tar"] = ArmVariantsGetTheirOwnDockerTags,
        ["package signatures"] = ForgedPackageSignatureIsRefused,
        ["SBOM packages"] = SpdxListsEveryInstalledPackage,
        ["SBOM formats"] = CycloneDxIsWrittenAndUnknownFormatsRefused,
        ["OCI layout index.json"] = IndexEntriesAreNamed,
        ["build-cpio"] = CpioKeepsOwnersAndHardLinks,
        ["image config author and history"] = ConfigAuthorAndHistoryAreOurs,
        ["build-minirootfs output"] = MinirootfsIsGzippedByName,
        ["unknown architectures"] = UnknownArchitectureIsRefused,
        ["busybox links without /etc/busybox-paths.d"] = BusyboxGetsOurTablesLinks,
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_difference_on_the_page_holds_for_our_builds_of_apkos_examples(string row)
    {
        Assert.True(Checks().TryGetValue(row, out Action? check), $"the page lists the difference '{row}', which no check in {nameof(MigratingDifferencesTests)} covers: add one");
        check!();
    }

    [Fact]
    public void Every_check_is_a_row_of_the_page()
    {
        Assert.True(PageRows().Count >= 15, "the differences table lost rows");
        Assert.Empty(Checks().Keys.Except(PageRows()));
    }

    [Fact]
    public void Every_apko_example_builds_with_stand_in_packages()
    {
        Assert.Equal(19, _examples.Builds.Count);
        foreach (var build in _examples.Builds.Values)
        {
            Assert.True(build.Exit == 0, $"{build.Name}: {build.Err}");
            Assert.NotEmpty(LayoutImage.ReadAll(build.Layout));
        }
    }

    // ---- the checks, one per row ----

    /// <summary>All 19 builds; a check that walks them fails when any did not build.</summary>
    private IReadOnlyCollection<ApkoExampleBuilds.Build> Built
    {
        get
        {
            Assert.Equal(19, _examples.Builds.Count);
            Assert.All(_examples.Builds.Values, b => Assert.True(b.Exit == 0, $"{b.Name}: {b.Err}"));
            return _examples.Builds.Values;
        }
    }

    private ApkoExampleBuilds.Build Example(string name)
    {
        var build = _examples.Builds[name];
        Assert.True(build.Exit == 0, $"{name}: {build.Err}");
        return build;
    }

    private static string Text(LayoutImage image, string path) =>
        Encoding.UTF8.GetString(Assert.Contains(path, image.Entries).Content);

    private void InstalledDatabaseHasNoGoListFormatting()
    {
        foreach (var build in Built)
        {
            foreach (var image in LayoutImage.ReadAll(build.Layout))
            {
                string[] lines = Text(image, "usr/lib/apk/db/installed").Split('\n');
                Assert.Contains(lines, l => l.StartsWith("P:", StringComparison.Ordinal));
                Assert.DoesNotContain(lines, l => l.StartsWith("i:[", StringComparison.Ordinal) || l == "i:");
            }
        }
    }

    private void PackageOwnersReachTheLayer()
    {
        int checkedImages = 0;
        foreach (var build in Built)
        {
            foreach (var image in LayoutImage.ReadAll(build.Layout))
            {
                if (image.Entries.TryGetValue("etc/os-release", out var osRelease))
                {
                    Assert.Equal((501, 20), (osRelease.Uid, osRelease.Gid));
                    Assert.Contains("\na:501:20:0644\n", Text(image, "usr/lib/apk/db/installed"));
                    checkedImages++;
                }
            }
        }
        Assert.True(checkedImages >= 10, $"only {checkedImages} images had the 501:20 file");
    }

    private void LdSoCacheIsGlibcs()
    {
        foreach (string name in new[] { "options", "old-glibc" })
        {
            var image = LayoutImage.ReadAll(Example(name).Layout).Single(i => i.Platform == "amd64");
            byte[] cache = Assert.Contains("etc/ld.so.cache", image.Entries).Content;
            Assert.Equal("glibc-ld.so.cache1.1", Encoding.ASCII.GetString(cache, 0, 20));
            Assert.Equal(2, cache[28]); // cache_file_new_flags_endian_little; apko leaves 0
            // The library is found through the second include of ld.so.conf (apko stops after the first).
            Assert.Contains("/" + StandInRepository.GlibcLibrary, Encoding.ASCII.GetString(cache));
        }
    }

    private void PathsWithoutPermissionsGetUsualModes()
    {
        var example = Example("nginx-rootless");
        ImageConfiguration changed = example.Configuration with
        {
            Paths = [.. example.Configuration.Paths.Select(p => p with { Permissions = null }),
                new PathMutation { Path = "/var/lib/standin-empty", Type = PathMutationType.EmptyFile }],
        };
        var build = _examples.BuildOne("nginx-rootless-no-permissions", changed);
        Assert.True(build.Exit == 0, build.Err);
        var image = LayoutImage.ReadAll(build.Layout).Single();
        Assert.Equal((UnixFileMode)0x1ED, image.Entries["run/nginx"].Mode);            // 0755, apko: 0
        Assert.Equal((UnixFileMode)0x1A4, image.Entries["var/lib/standin-empty"].Mode); // 0644, apko: 0
    }

    private void SymlinkMutationLeavesTheTargetAlone()
    {
        var example = Example("nginx");
        ImageConfiguration changed = example.Configuration with
        {
            Paths = [.. example.Configuration.Paths, new PathMutation
            {
                Path = "/etc/nginx/default.link", Type = PathMutationType.Symlink, Source = "/usr/share/nginx/http-default_server.conf", Permissions = 0x180,
            }],
        };
        var build = _examples.BuildOne("nginx-symlink", changed);
        Assert.True(build.Exit == 0, build.Err);
        var image = LayoutImage.ReadAll(build.Layout).Single();
        Assert.Equal(TarEntryType.SymbolicLink, image.Entries["etc/nginx/default.link"].Type);
        Assert.Equal((UnixFileMode)0x1A4, image.Entries["usr/share/nginx/http-default_server.conf"].Mode); // apko: 0600
    }

    private void HardlinkMutationIsAHardLink()
    {
        foreach (var (name, source) in new[] { ("nginx", "etc/nginx/nginx.conf.default"), ("nginx-rootless", "usr/share/nginx/http-default_server.conf") })
        {
            var image = LayoutImage.ReadAll(Example(name).Layout).Single();
            // Whichever of the two names the layer walk meets first carries the content, the other links to it.
            string[] names = ["etc/nginx/http.d/default.conf", source];
            var entries = names.Select(n => image.Entries[n]).ToList();
            var link = Assert.Single(entries, e => e.Type == TarEntryType.HardLink);
            var file = Assert.Single(entries, e => e.Type == TarEntryType.RegularFile);
            Assert.Equal(file.Name, link.LinkName.TrimStart('/'));
        }
    }

    private void ForgedPackageSignatureIsRefused()
    {
        // A package signed by another key that carries the keyring's key name, in an index the real key signs:
        // the index's checksum of the package holds, only the package's own signature does not.
        string repo = _examples.Work.Combine("forged");
        string archDir = Path.Combine(repo, "x86_64");
        Directory.CreateDirectory(archDir);
        using (ApkPrivateKey impostor = ApkPrivateKey.Generate("standin.rsa.pub", 2048))
        {
            ApkPackageWriter.WriteFile(Path.Combine(archDir, "forged-1.0.0-r0.apk"),
                new PackageInfo { Name = "forged", Version = "1.0.0-r0", Arch = "x86_64", Description = "signed by an impostor", License = "MIT" },
                [PackEntry.File("usr/share/forged", Encoding.UTF8.GetBytes("forged\n"))], impostor);
        }
        using (ApkPrivateKey real = ApkPrivateKey.FromFile(Path.Combine(_examples.StandInRoot, "standin.rsa")))
        {
            ApkIndexWriter.WriteFile(Path.Combine(archDir, "APKINDEX.tar.gz"), ApkIndexWriter.ScanDirectory(archDir, "x86_64"), "forged", real);
        }
        var example = Example("alpine-amd64");
        ImageConfiguration forged = example.Configuration with
        {
            Contents = example.Configuration.Contents with
            {
                Repositories = [_examples.StandInRoot, repo],
                Keyring = [_examples.StandInKey],
                Packages = [.. example.Configuration.Contents.Packages, "forged"],
            },
        };
        var build = _examples.BuildOne("alpine-amd64-forged", forged);
        Assert.True(build.Exit == 5, $"exit {build.Exit}: {build.Err}");
        Assert.Contains("forged", build.Err);
        Assert.Contains("signature", build.Err, StringComparison.OrdinalIgnoreCase);
    }

    private void UnknownArchitectureIsRefused()
    {
        var example = Example("alpine-amd64");
        string yaml = Regex.Replace(File.ReadAllText(example.ConfigPath), @"(?m)^archs:.*(\n[ -].*)*", "archs: [amd46]");
        Assert.Contains("amd46", yaml);
        string config = _examples.Work.Combine("alpine-amd46.apko.yaml");
        File.WriteAllText(config, yaml);
        string layout = _examples.Work.Combine("layout-amd46");
        Directory.CreateDirectory(layout);
        var (exit, _, err) = CliRun.Run("build", config, "example/a:test", layout, "--cache-dir", _examples.Cache).GetAwaiter().GetResult();
        Assert.Equal(2, exit);
        Assert.Contains("IMG0003", err);
        Assert.Contains("did you mean 'amd64'", err);
    }

    private void BusyboxGetsOurTablesLinks()
    {
        var image = LayoutImage.ReadAll(Example("alpine-slim").Layout).Single();
        Assert.False(image.Entries.ContainsKey("etc/busybox-paths.d/busybox"));
        var links = image.Entries.Values.Where(e => e.Type == TarEntryType.SymbolicLink && e.LinkName == "/bin/busybox").Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(BusyboxAppletTable.LinksFor("1.35.0-r29")!.Where(l => l != "bin/busybox"), links);
    }
}
