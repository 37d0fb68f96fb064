using System.Text;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// Writes a signed x86_64 repository of 40 library packages (~1.25 MB installed each, ~50 MB in all)
/// plus one `bench-app` that pulls them in. Content is seeded, so every run writes the same data
/// members: per package a binary-like executable (random runs, zero runs and repeats: gzip gets ~2x),
/// an incompressible shared library (like bundled compressed assets), and text (docs, configs:
/// gzip gets ~3-4x). Dependencies form a binary tree through `so:` provides, so the resolver walks
/// 40 provider lookups; origins put the packages into 12 source packages, so origin layering has
/// more groups than an 8-layer budget allows and has to merge some.
/// </summary>
internal static class GeneratedRepository
{
    public const int LibraryCount = 40;
    public const string Arch = "x86_64";
    public const string KeyName = "imagedsl-bench.rsa";
    public const long BuildDate = 1700000000;

    private static readonly string[] Words =
    [
        "image", "layer", "package", "index", "signature", "resolve", "install", "config", "tar", "gzip",
        "digest", "manifest", "origin", "budget", "world", "provides", "depends", "version", "alpine", "wolfi",
        "the", "a", "of", "to", "and", "in", "is", "for", "with", "when", "each", "every", "file", "path",
        "user", "group", "mode", "owner", "directory", "symlink", "kernel", "network", "socket", "buffer",
        "stream", "thread", "memory", "cache", "daemon", "service", "option", "default", "error", "warning",
    ];

    /// <summary>Writes the repository into <paramref name="root"/>: packages and index in root/x86_64, the public key in root.</summary>
    public static void Write(string root)
    {
        string archDir = Path.Combine(root, Arch);
        Directory.CreateDirectory(archDir);
        using ApkPrivateKey key = ApkPrivateKey.Generate(KeyName + ".pub", 2048);
        File.WriteAllText(Path.Combine(root, KeyName + ".pub"), key.ExportPublicPem());

        for (int i = 0; i < LibraryCount; i++)
        {
            WriteLibrary(archDir, i, key);
        }
        var app = new PackageInfo
        {
            Name = "bench-app",
            Version = "1.0.0-r0",
            Arch = Arch,
            Description = "depends on every leaf of the library tree",
            License = "Apache-2.0",
            Origin = "bench-app",
            BuildDate = BuildDate,
            Depends = Enumerable.Range(0, LibraryCount).Where(i => 2 * i + 1 >= LibraryCount).Select(i => $"lib{Name(i)}").ToList(),
        };
        ApkPackageWriter.WriteFile(Path.Combine(archDir, "bench-app-1.0.0-r0.apk"), app,
            [PackEntry.File("etc/bench-app.conf", Encoding.UTF8.GetBytes(Text(new Random(1000), 4096)))], key);
        ApkIndexWriter.WriteFile(Path.Combine(archDir, "APKINDEX.tar.gz"), ApkIndexWriter.ScanDirectory(archDir, Arch), "ImageDsl benchmark repository", key);
    }

    private static string Name(int i) => $"bench{i:00}";

    private static void WriteLibrary(string archDir, int i, ApkPrivateKey key)
    {
        var random = new Random(i);
        string name = Name(i);
        string version = $"{1 + i % 3}.{i}.0-r{i % 4}";
        // Sizes vary so origin groups differ in size and their order means something.
        int scale = 80 + (i * 37 % 41); // 80..120 %
        var entries = new List<PackEntry>
        {
            PackEntry.File($"usr/bin/{name}", BinaryLike(random, 480 * 1024 * scale / 100), mode: 0x1ED),
            PackEntry.File($"usr/lib/lib{name}.so.1", Incompressible(random, 400 * 1024 * scale / 100), mode: 0x1ED),
            PackEntry.Symlink($"usr/lib/lib{name}.so", $"lib{name}.so.1"),
            PackEntry.File($"usr/share/doc/{name}/README", Encoding.UTF8.GetBytes(Text(random, 120 * 1024 * scale / 100))),
            PackEntry.File($"usr/share/{name}/data.txt", Encoding.UTF8.GetBytes(Text(random, 240 * 1024 * scale / 100))),
            PackEntry.File($"etc/{name}/{name}.conf", Encoding.UTF8.GetBytes(Text(random, 2048))),
        };
        var depends = new List<string>();
        if (i > 0)
        {
            depends.Add($"so:lib{Name((i - 1) / 2)}.so.1");
        }
        var info = new PackageInfo
        {
            Name = "lib" + name,
            Version = version,
            Arch = Arch,
            Description = $"generated benchmark library {i}",
            License = "MIT",
            Origin = $"bench-origin{i % 12:00}",
            Url = "https://example.invalid/bench",
            BuildDate = BuildDate,
            Depends = depends,
            Provides = [$"so:lib{name}.so.1=1", $"cmd:{name}={version}"],
        };
        ApkPackageWriter.WriteFile(Path.Combine(archDir, $"lib{name}-{version}.apk"), info, entries, key);
    }

    /// <summary>Machine code compresses about 2x: mix random runs with zero padding and repeated sequences.</summary>
    private static byte[] BinaryLike(Random random, int size)
    {
        byte[] bytes = new byte[size];
        int at = 0;
        while (at < size)
        {
            int run = Math.Min(size - at, random.Next(64, 1024));
            switch (random.Next(4))
            {
                case 0:
                case 1:
                    random.NextBytes(bytes.AsSpan(at, run));
                    break;
                case 2:
                    break; // zeros
                default:
                    int back = Math.Min(at, random.Next(16, 4096));
                    for (int k = 0; k < run; k++)
                    {
                        bytes[at + k] = back == 0 ? (byte)k : bytes[at - back + (k % back)];
                    }
                    break;
            }
            at += run;
        }
        return bytes;
    }

    private static byte[] Incompressible(Random random, int size)
    {
        byte[] bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Text(Random random, int size)
    {
        var text = new StringBuilder(size + 64);
        while (text.Length < size)
        {
            int words = random.Next(4, 14);
            for (int w = 0; w < words; w++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(w + 1 < words ? ' ' : '.');
            }
            text.Append(random.Next(3) == 0 ? " " + random.Next(100000) + "\n" : "\n");
        }
        return text.ToString(0, size);
    }
}
