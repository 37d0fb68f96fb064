using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImageDsl.Model;

namespace ImageDsl.Tests.Migrating;

/// <summary>The rows about the outputs around the filesystem: layer compression, the tar and OCI layout, SBOMs, cpio, minirootfs, config.</summary>
public sealed partial class MigratingDifferencesTests
{
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

    private static Architecture ArchitectureOf(LayoutImage image) =>
        Architecture.All.Single(a => a.OciArchitecture == (string)image.Descriptor["platform"]!["architecture"]! && a.OciVariant == (string?)image.Descriptor["platform"]!["variant"]);
}
