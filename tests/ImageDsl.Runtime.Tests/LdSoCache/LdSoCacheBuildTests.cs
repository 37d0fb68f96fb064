using System.Formats.Tar;
using System.IO.Compression;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>The cache through the whole build: packages in, an OCI layer holding `/etc/ld.so.cache` out.</summary>
public class LdSoCacheBuildTests
{
    [Fact]
    public async Task An_image_whose_packages_ship_ld_so_conf_gets_a_cache_in_its_layer_and_one_without_gets_none()
    {
        using var temp = new TempDirectory();
        string repo = temp.Combine("repo");
        using (ApkPrivateKey key = ApkPrivateKey.Generate("ldso-test.rsa.pub", 2048))
        {
            File.WriteAllText(temp.Combine("ldso-test.rsa.pub"), key.ExportPublicPem());
            WritePackage(repo, key, "glibc-demo", [
                PackEntry.Directory("etc"),
                PackEntry.File("etc/ld.so.conf", "# demo\ninclude /etc/ld.so.conf.d/*.conf\n/usr/local/lib\n"u8.ToArray()),
                PackEntry.Directory("usr"),
                PackEntry.Directory("usr/lib"),
                PackEntry.File("usr/lib/libdemo.so.1.0.0", ElfBuilder.Library("libdemo.so.1"), mode: 0x1ED),
                PackEntry.Symlink("usr/lib/libdemo.so.1", "libdemo.so.1.0.0"),
                PackEntry.Symlink("usr/lib/libdemo.so", "libdemo.so.1"),
                PackEntry.Directory("usr/local"),
                PackEntry.Directory("usr/local/lib"),
                PackEntry.File("usr/local/lib/libextra.so.2", ElfBuilder.Library("libextra.so.2"), mode: 0x1ED),
            ]);
            WritePackage(repo, key, "demo-conf", [
                PackEntry.Directory("etc"),
                PackEntry.Directory("etc/ld.so.conf.d"),
                PackEntry.File("etc/ld.so.conf.d/demo.conf", "/usr/lib\n"u8.ToArray()),
            ]);
            WritePackage(repo, key, "musl-demo", [
                PackEntry.Directory("usr"),
                PackEntry.Directory("usr/lib"),
                PackEntry.File("usr/lib/libdemo.so.1", ElfBuilder.Library("libdemo.so.1"), mode: 0x1ED),
            ]);
            ApkIndexWriter.WriteFile(Path.Combine(repo, "x86_64", "APKINDEX.tar.gz"),
                ApkIndexWriter.ScanDirectory(Path.Combine(repo, "x86_64"), "x86_64"), "ldso test", key);
        }

        var glibc = await CacheOf(temp, repo, "glibc-demo", "demo-conf");
        Assert.NotNull(glibc);
        Assert.Equal("0644 0:0", $"{Convert.ToString((int)glibc.Value.Entry.Mode, 8).PadLeft(4, '0')} {glibc.Value.Entry.Uid}:{glibc.Value.Entry.Gid}");
        Assert.Equal(
            ["libextra.so.2 => /usr/local/lib/libextra.so.2", "libdemo.so.1 => /usr/lib/libdemo.so.1", "libdemo.so => /usr/lib/libdemo.so"],
            CacheFile.Parse(glibc.Value.Data).Records.Select(r => $"{r.Key} => {r.Value}"));

        Assert.Null(await CacheOf(temp, repo, "musl-demo"));
    }

    private static void WritePackage(string repo, ApkPrivateKey key, string name, IEnumerable<PackEntry> entries)
    {
        var info = new PackageInfo { Name = name, Version = "1.0-r0", Arch = "x86_64", Description = name, License = "MIT", BuildDate = 1700000000 };
        ApkPackageWriter.WriteFile(Path.Combine(repo, "x86_64", $"{name}-1.0-r0.apk"), info, entries, key);
    }

    private static async Task<(TarEntry Entry, byte[] Data)?> CacheOf(TempDirectory temp, string repo, params string[] packages)
    {
        ImageConfiguration config = ConfigurationLoader.Parse($"""
            contents:
              repositories: [{repo}]
              keyring: [{temp.Combine("ldso-test.rsa.pub")}]
              packages: [{string.Join(", ", packages)}]
            archs: [amd64]
            """).Configuration;
        string work = temp.Combine(string.Join('+', packages));
        using BuiltImage image = await ImageBuilder.BuildAsync(new BuildRequest
        {
            Configuration = config,
            Repository = new RepositoryClientOptions { CacheDirectory = Path.Combine(work, "cache") },
            TemporaryDirectory = Path.Combine(work, "build"),
        });
        foreach (var layer in image.Index.Images.Single().Layers)
        {
            using var gzip = new GZipStream(image.Store.OpenRead(layer.Digest), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name.TrimStart('.', '/') == "etc/ld.so.cache")
                {
                    using var data = new MemoryStream();
                    entry.DataStream!.CopyTo(data);
                    return (entry, data.ToArray());
                }
            }
        }
        return null;
    }
}
