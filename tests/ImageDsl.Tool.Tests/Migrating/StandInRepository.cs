using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Migrating;

/// <summary>
/// apko's example configurations need Alpine's and Wolfi's repositories, which a test cannot reach. This
/// writes one signed local repository per architecture holding a stand-in for every package the examples
/// name, under the same name (and the version an example pins), so each example builds unchanged apart from
/// its repositories and keyring. Stand-ins carry only what the examples' other fields touch, and what the
/// differences on docs/migrating-from-apko.md are about:
/// the baselayouts ship `etc/os-release` owned 501:20 (as the package in apko's own CLI test repository
/// does), `busybox` is the host's static busybox 1.35.0 without `/etc/busybox-paths.d` (as Alpine's),
/// `glibc` ships `/etc/ld.so.conf` and a real x86_64 shared library, `nginx` the files nginx's examples
/// link to, `ca-certificates-bundle` a CA bundle.
/// </summary>
internal static class StandInRepository
{
    /// <summary>The package versions the examples pin (old-glibc.yaml); others are 1.0.0-r0.</summary>
    private static readonly Dictionary<string, string> Pinned = new(StringComparer.Ordinal)
    {
        ["glibc"] = "2.36-r3",
        ["binutils"] = "2.39-r4",
        ["git"] = "2.39.0-r0",
        ["openssl"] = "3.0.7-r0",
        ["sysstat"] = "12.6.2-r0",
        ["libcrypto3"] = "3.0.8-r0",
        ["busybox"] = "1.35.0-r29",
    };

    /// <summary>The real library the glibc stand-in ships, for the ld.so.cache row.</summary>
    public const string GlibcLibrary = "usr/lib/b/libz.so.1";

    /// <summary>Writes the repository for <paramref name="archs"/> (apk names) into <paramref name="dir"/>; returns the public key path.</summary>
    public static string Write(string dir, IEnumerable<string> packageNames, IEnumerable<string> archs)
    {
        Directory.CreateDirectory(dir);
        string keyPath = Path.Combine(dir, "standin.rsa");
        using (ApkPrivateKey fresh = ApkPrivateKey.Generate("standin.rsa.pub", 2048))
        {
            File.WriteAllText(keyPath, fresh.ExportPrivatePem());
            File.WriteAllText(keyPath + ".pub", fresh.ExportPublicPem());
        }
        using ApkPrivateKey key = ApkPrivateKey.FromFile(keyPath);
        foreach (string arch in archs)
        {
            string archDir = Path.Combine(dir, arch);
            Directory.CreateDirectory(archDir);
            foreach (string name in packageNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                string version = Pinned.GetValueOrDefault(name, "1.0.0-r0");
                var info = new PackageInfo
                {
                    Name = name,
                    Version = version,
                    Arch = arch,
                    Description = $"a stand-in for {name}, for apko's example configurations",
                    License = "MIT",
                    Origin = name,
                    Url = "https://example.invalid/",
                    BuildDate = 1700000000,
                    Provides = ProvidesOf(name, version),
                };
                ApkPackageWriter.WriteFile(Path.Combine(archDir, $"{name}-{version}.apk"), info, EntriesOf(name, arch), key);
            }
            ApkIndexWriter.WriteFile(Path.Combine(archDir, "APKINDEX.tar.gz"), ApkIndexWriter.ScanDirectory(archDir, arch), "stand-ins", key);
        }
        return keyPath + ".pub";
    }

    private static IReadOnlyList<string> ProvidesOf(string name, string version) =>
        name == "busybox" ? ["/bin/sh", $"cmd:sh={version}"] : [];

    private static IEnumerable<PackEntry> EntriesOf(string name, string arch)
    {
        yield return PackEntry.File($"usr/share/standin/{name}", Encoding.UTF8.GetBytes(name + "\n"));
        switch (name)
        {
            case "alpine-baselayout" or "alpine-baselayout-data" or "wolfi-baselayout" or "alpine-base" or "wolfi-base":
                yield return PackEntry.File("etc/os-release", Encoding.UTF8.GetBytes($"ID=standin\nNAME=\"{name}\"\n")) with { Uid = 501, Gid = 20 };
                break;
            case "busybox":
                yield return PackEntry.FromFile("bin/busybox", TestRepositories.BusyboxBinary, mode: 0x1ED);
                yield return PackEntry.Symlink("bin/sh", "/bin/busybox");
                break;
            case "glibc":
                // Two includes: the library's folder is named by the second (apko reads only the first).
                yield return PackEntry.File("etc/ld.so.conf", Encoding.UTF8.GetBytes("include /etc/ld.so.conf.d/a.conf\ninclude /etc/ld.so.conf.d/b.conf\n"));
                yield return PackEntry.File("etc/ld.so.conf.d/a.conf", Encoding.UTF8.GetBytes("/usr/lib/a\n"));
                yield return PackEntry.File("etc/ld.so.conf.d/b.conf", Encoding.UTF8.GetBytes("/usr/lib/b\n"));
                if (arch == "x86_64")
                {
                    yield return PackEntry.FromFile(GlibcLibrary, HostLibrary(), mode: 0x1ED);
                }
                break;
            case "nginx":
                yield return PackEntry.File("etc/nginx/nginx.conf.default", Encoding.UTF8.GetBytes("events {}\n"));
                yield return PackEntry.File("usr/share/nginx/http-default_server.conf", Encoding.UTF8.GetBytes("server {}\n"));
                yield return PackEntry.Directory("etc/nginx/http.d");
                yield return PackEntry.File("usr/sbin/nginx", Encoding.UTF8.GetBytes("#!/bin/sh\n"), mode: 0x1ED);
                break;
            case "ca-certificates-bundle":
                yield return PackEntry.File("etc/ssl/certs/ca-certificates.crt", Encoding.UTF8.GetBytes("# stand-in bundle\n"));
                break;
            case "s6":
                yield return PackEntry.File("bin/s6-svscan", Encoding.UTF8.GetBytes("#!/bin/sh\n"), mode: 0x1ED);
                break;
        }
    }

    /// <summary>A real x86_64 ELF shared library of the host whose SONAME is libz.so.1.</summary>
    private static string HostLibrary()
    {
        foreach (string candidate in new[] { "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1" })
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        throw new Xunit.Sdk.XunitException("zlib (libz.so.1) is not installed: apt-get install zlib1g");
    }
}
