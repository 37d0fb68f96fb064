using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests;

/// <summary>A signed one-arch repository made by <see cref="TestRepositories"/>.</summary>
/// <param name="Root">The repository folder (use it as the repository URL/path; packages are in Root/Arch).</param>
/// <param name="Arch">The apk arch folder, e.g. x86_64.</param>
/// <param name="PackagePath">The .apk written.</param>
/// <param name="IndexPath">Root/Arch/APKINDEX.tar.gz.</param>
/// <param name="PublicKeyPath">The signing key's public half (put it in the keyring).</param>
/// <param name="PrivateKeyPath">The signing key (throwaway).</param>
/// <param name="Version">The package version, e.g. 1.35.0-r0.</param>
public sealed record TestRepository(string Root, string Arch, string PackagePath, string IndexPath, string PublicKeyPath, string PrivateKeyPath, string Version);

/// <summary>Builds small, real, signed APK repositories for tests, with the Runtime's own writer.</summary>
public static class TestRepositories
{
    /// <summary>Where Debian's busybox-static installs the binary.</summary>
    public const string BusyboxBinary = "/bin/busybox";

    /// <summary>The key file name the repositories are signed with.</summary>
    public const string KeyName = "imagedsl-test.rsa";

    /// <summary>
    /// Packs the host's static busybox as an apk named `busybox` (`bin/busybox` 0755, a `bin/sh` symlink to
    /// it, and `etc/busybox-paths.d/busybox` listing its applets, which apko's busybox step links), signs it
    /// and an index with a key made on first use in <paramref name="dir"/> (reused for other archs), and
    /// returns where everything is. The binary is the host's whatever <paramref name="arch"/> says.
    /// </summary>
    /// <param name="dir">The repository folder; created if needed.</param>
    /// <param name="arch">The apk arch to file the package under.</param>
    /// <param name="appletLinks">Also ship every applet link in the package (not only bin/sh).</param>
    /// <param name="buildDate">The package build date and file mtimes, Unix seconds.</param>
    /// <param name="pathsList">Ship `etc/busybox-paths.d/busybox`; false makes an older-style (Alpine-like) package without it.</param>
    /// <param name="version">The package version to label it with (default: the binary's own, `-r0`), e.g. to stand for an older busybox.</param>
    public static TestRepository CreateBusyboxRepository(string dir, string arch = "x86_64", bool appletLinks = false, long buildDate = 1700000000,
        bool pathsList = true, string? version = null)
    {
        RequireStaticBusybox();
        version ??= BusyboxVersion() + "-r0";
        string[] applets = ProcessRunner.Run(BusyboxBinary, ["--list-full"]).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var entries = new List<PackEntry>
        {
            PackEntry.FromFile("bin/busybox", BusyboxBinary, mode: 0x1ED),
            PackEntry.Symlink("bin/sh", "/bin/busybox"),
        };
        if (pathsList)
        {
            entries.Add(PackEntry.File("etc/busybox-paths.d/busybox", Encoding.UTF8.GetBytes(string.Concat(applets.Select(a => "/" + a + "\n")))));
        }
        if (appletLinks)
        {
            entries.AddRange(applets.Where(a => a != "bin/sh" && a != "bin/busybox").Select(a => PackEntry.Symlink(a, "/bin/busybox")));
        }
        var info = new PackageInfo
        {
            Name = "busybox",
            Version = version,
            Arch = arch,
            Description = "Debian's static busybox, packed for tests",
            License = "GPL-2.0-only",
            Origin = "busybox",
            Url = "https://busybox.net/",
            BuildDate = buildDate,
            Provides = ["/bin/sh", $"cmd:sh={version}", $"cmd:busybox={version}"],
        };

        Directory.CreateDirectory(dir);
        string privateKey = Path.Combine(dir, KeyName);
        if (!File.Exists(privateKey))
        {
            using ApkPrivateKey fresh = ApkPrivateKey.Generate(KeyName + ".pub", 2048);
            File.WriteAllText(privateKey, fresh.ExportPrivatePem());
            File.WriteAllText(privateKey + ".pub", fresh.ExportPublicPem());
        }
        using ApkPrivateKey key = ApkPrivateKey.FromFile(privateKey);
        string archDir = Path.Combine(dir, arch);
        string packagePath = Path.Combine(archDir, $"busybox-{version}.apk");
        ApkPackageWriter.WriteFile(packagePath, info, entries, key);
        string indexPath = Path.Combine(archDir, "APKINDEX.tar.gz");
        ApkIndexWriter.WriteFile(indexPath, ApkIndexWriter.ScanDirectory(archDir, arch), "ImageDsl test busybox", key);
        return new TestRepository(dir, arch, packagePath, indexPath, privateKey + ".pub", privateKey, version);
    }

    private static string BusyboxVersion()
    {
        string banner = ProcessRunner.Run(BusyboxBinary, []).StandardOutput;
        Match match = Regex.Match(banner, @"BusyBox v(\d+\.\d+\.\d+)");
        return match.Success ? match.Groups[1].Value : "1.0.0";
    }

    /// <summary>A dynamically linked busybox (Debian's `busybox` package) would not run in an image without libc.</summary>
    private static void RequireStaticBusybox()
    {
        const string hint = "Install it with: apt-get install -y --no-install-recommends busybox-static (./test.sh does this).";
        if (!File.Exists(BusyboxBinary))
        {
            throw new InvalidOperationException($"The test needs {BusyboxBinary}, which is missing. {hint}");
        }
        byte[] elf = File.ReadAllBytes(BusyboxBinary);
        if (elf.Length < 64 || !elf.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidOperationException($"{BusyboxBinary} is not a 64-bit little-endian ELF binary. {hint}");
        }
        long programHeaders = BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(0x20));
        int size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        for (int i = 0; i < count; i++)
        {
            long at = programHeaders + (long)i * size;
            if (at + 4 <= elf.Length && BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)at)) == 3) // PT_INTERP
            {
                throw new InvalidOperationException($"{BusyboxBinary} is dynamically linked (Debian's busybox, not busybox-static). {hint}");
            }
        }
    }
}
