using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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

    private void LayersAreOneGzipMemberWithGosHeader()
    {
        foreach (var build in Built)
        {
            foreach (var image in LayoutImage.ReadAll(build.Layout))
            {
                var diffIds = image.Config["rootfs"]!["diff_ids"]!.AsArray().Select(d => (string)d!).ToList();
                Assert.Equal(diffIds.Count, image.LayerBlobs.Count);
                for (int i = 0; i < diffIds.Count; i++)
                {
                    byte[] head = new byte[10];
                    using (var stream = File.OpenRead(image.LayerBlobs[i]))
                    {
                        stream.ReadExactly(head);
                    }
                    Assert.Equal("1f8b08000000000000ff", Convert.ToHexStringLower(head));
                    Assert.Equal(diffIds[i], LayoutImage.DiffId(image.LayerBlobs[i]));
                }
            }
        }
    }

    private void TarIsAnOciArchiveAndDockerLoadable()
    {
        var example = Example("alpine-base");
        string tar = _examples.Work.Combine("alpine-base.tar");
        var (exit, _, err) = CliRun.Run("build", example.ConfigPath, "example/alpine-base:test", tar, "--cache-dir", _examples.Cache, "--sbom=false").GetAwaiter().GetResult();
        Assert.True(exit == 0, err);
        var names = new List<string>();
        string? manifest = null;
        using (var reader = new TarReader(File.OpenRead(tar)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name);
                if (entry.Name == "manifest.json")
                {
                    manifest = new StreamReader(entry.DataStream!).ReadToEnd();
                }
            }
        }
        Assert.Contains("oci-layout", names);
        Assert.Contains("index.json", names);
        Assert.NotNull(manifest);
        Assert.Equal(["example/alpine-base:test-amd64", "example/alpine-base:test-arm64"],
            JsonNode.Parse(manifest)!.AsArray().SelectMany(m => m!["RepoTags"]!.AsArray().Select(t => (string)t!)).Order(StringComparer.Ordinal));
        // skopeo reads it as an OCI archive: the tag names the image index, and one architecture's image of it.
        string skopeo = RequiredTool.Find("skopeo", "skopeo");
        ProcessResult index = ProcessRunner.Run(skopeo, ["inspect", "--raw", $"oci-archive:{tar}:test"]);
        Assert.True(index.ExitCode == 0, index.ToString());
        Assert.Contains("application/vnd.oci.image.index.v1+json", index.StandardOutput);
        ProcessResult arm64 = ProcessRunner.Run(skopeo, ["--override-arch", "arm64", "inspect", $"oci-archive:{tar}:test"]);
        Assert.True(arm64.ExitCode == 0, arm64.ToString());
        Assert.Contains("\"Architecture\": \"arm64\"", arm64.StandardOutput);
    }

    private void ArmVariantsGetTheirOwnDockerTags()
    {
        var example = Example("alpine-base");
        ImageConfiguration arm = _examples.WithLocalRepositories(example.Configuration, withApkoCliRepository: false) with { Archs = [Architecture.ArmV6, Architecture.ArmV7] };
        string config = _examples.Work.Combine("alpine-base-arm.apko.yaml");
        File.WriteAllText(config, ImageDsl.Config.ApkoYamlWriter.Write(arm));
        string tar = _examples.Work.Combine("alpine-base-arm.tar");
        var (exit, _, err) = CliRun.Run("build", config, "example/alpine-base:test", tar, "--cache-dir", _examples.Cache, "--sbom=false").GetAwaiter().GetResult();
        Assert.True(exit == 0, err);
        using var reader = new TarReader(File.OpenRead(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "manifest.json")
            {
                var tags = JsonNode.Parse(new StreamReader(entry.DataStream!).ReadToEnd())!.AsArray()
                    .SelectMany(m => m!["RepoTags"]!.AsArray().Select(t => (string)t!)).Order(StringComparer.Ordinal);
                Assert.Equal(["example/alpine-base:test-armv6", "example/alpine-base:test-armv7"], tags);
                return;
            }
        }
        Assert.Fail("the tar has no manifest.json");
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

    private void SpdxListsEveryInstalledPackage()
    {
        foreach (var build in Built)
        {
            foreach (var image in LayoutImage.ReadAll(build.Layout))
            {
                var installed = Text(image, "usr/lib/apk/db/installed").Split('\n')
                    .Where(l => l.StartsWith("P:", StringComparison.Ordinal)).Select(l => l[2..]).Order(StringComparer.Ordinal).ToList();
                string arch = ArchitectureOf(image).ApkName;
                var spdx = JsonNode.Parse(File.ReadAllText(Path.Combine(build.SbomDir, $"sbom-{arch}.spdx.json")))!;
                var apkPackages = spdx["packages"]!.AsArray()
                    .Where(p => p!["externalRefs"]?.AsArray().Any(r => ((string?)r!["referenceLocator"])?.StartsWith("pkg:apk/", StringComparison.Ordinal) == true) == true)
                    .ToList();
                Assert.Equal(installed, apkPackages.Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal));
                Assert.All(apkPackages, p => Assert.NotEmpty(p!["checksums"]!.AsArray()));
            }
        }
    }

    private void CycloneDxIsWrittenAndUnknownFormatsRefused()
    {
        foreach (var build in Built)
        {
            foreach (var image in LayoutImage.ReadAll(build.Layout))
            {
                var cdx = JsonNode.Parse(File.ReadAllText(Path.Combine(build.SbomDir, $"sbom-{ArchitectureOf(image).ApkName}.cdx.json")))!;
                Assert.Equal("CycloneDX", (string?)cdx["bomFormat"]);
                Assert.Equal("1.6", (string?)cdx["specVersion"]);
            }
        }
        var example = Example("alpine-amd64");
        string layout = _examples.Work.Combine("layout-unknown-format");
        Directory.CreateDirectory(layout);
        var (exit, _, err) = CliRun.Run("build", example.ConfigPath, "example/a:test", layout, "--cache-dir", _examples.Cache, "--sbom-formats", "spdx,swid").GetAwaiter().GetResult();
        Assert.Equal(2, exit);
        Assert.Contains("swid", err);
    }

    private void IndexEntriesAreNamed()
    {
        foreach (var build in Built)
        {
            var images = LayoutImage.ReadAll(build.Layout);
            foreach (var image in images)
            {
                string expected = images.Count == 1 ? "test" : "test-" + image.Platform;
                Assert.Equal(expected, (string?)image.Descriptor["annotations"]?["org.opencontainers.image.ref.name"]);
            }
            string indexBlob = LayoutImage.Blob(build.Layout, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(build.Layout, "index.json")))));
            Assert.True(File.Exists(indexBlob) || Directory.GetFiles(Path.Combine(build.Layout, "blobs", "sha256"))
                .Any(b => File.ReadAllText(b).Contains("\"application/vnd.oci.image.index.v1+json\"", StringComparison.Ordinal)), $"{build.Name}: no index blob");
        }
    }

    private void CpioKeepsOwnersAndHardLinks()
    {
        var example = Example("nginx");
        string cpio = _examples.Work.Combine("nginx.cpio");
        var (exit, _, err) = CliRun.Run("build-cpio", example.ConfigPath, cpio, "--cache-dir", _examples.Cache).GetAwaiter().GetResult();
        Assert.True(exit == 0, err);
        var entries = NewcArchive.Read(File.ReadAllBytes(cpio)).ToDictionary(e => e.Name, StringComparer.Ordinal);
        Assert.Equal((501, 20), (entries["etc/os-release"].Uid, entries["etc/os-release"].Gid)); // apko: 0:0
        var link = entries["etc/nginx/http.d/default.conf"];
        var source = entries["etc/nginx/nginx.conf.default"];
        Assert.Equal(source.Inode, link.Inode);  // one file, two names; apko drops the link
        Assert.Equal(2, source.Links);
    }

    private void ConfigAuthorAndHistoryAreOurs()
    {
        foreach (var build in Built)
        {
            foreach (var image in LayoutImage.ReadAll(build.Layout))
            {
                Assert.Equal("github.com/imagedsl/imagedsl", (string?)image.Config["author"]);
                var history = image.Config["history"]!.AsArray();
                Assert.Equal(image.LayerBlobs.Count, history.Count);
                Assert.All(history, h => Assert.Equal(("imagedsl", "imagedsl"), ((string?)h!["author"], (string?)h["created_by"])));
                if (history.Count == 1 && build.Configuration.Annotations.Count == 0)
                {
                    Assert.Equal("This is an ImageDsl single-layer image", (string?)history[0]!["comment"]);
                }
            }
        }
    }

    private void MinirootfsIsGzippedByName()
    {
        var example = Example("alpine-base");
        foreach (var (file, gzip) in new[] { ("rootfs.tar.gz", true), ("rootfs.tar", false) })
        {
            string output = _examples.Work.Combine(file);
            var (exit, _, err) = CliRun.Run("build-minirootfs", example.ConfigPath, output, "--build-arch", "amd64", "--cache-dir", _examples.Cache).GetAwaiter().GetResult();
            Assert.True(exit == 0, err);
            byte[] bytes = File.ReadAllBytes(output);
            Assert.Equal(gzip, bytes[0] == 0x1f && bytes[1] == 0x8b);
            Stream tar = gzip ? new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress) : new MemoryStream(bytes);
            using var reader = new TarReader(tar);
            var names = new List<string>();
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name.TrimStart('.').TrimStart('/').TrimEnd('/'));
            }
            Assert.Contains("etc/os-release", names);
        }
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

    private static Architecture ArchitectureOf(LayoutImage image) =>
        Architecture.All.Single(a => a.OciArchitecture == (string)image.Descriptor["platform"]!["architecture"]! && a.OciVariant == (string?)image.Descriptor["platform"]!["variant"]);
}
