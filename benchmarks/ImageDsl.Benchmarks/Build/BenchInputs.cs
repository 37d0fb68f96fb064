using System.IO.Compression;
using ImageDsl.Apk.Packages;
using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Model;
using ImageDsl.Tests;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// The repositories the build benchmarks and benchmarks/floor.sh share. They live in one folder
/// (`$IMAGEDSL_BENCH_DIR`, default `$TMPDIR/imagedsl-bench`) that is made once and then reused, so
/// the benchmark processes BenchmarkDotNet starts and the floor script read the same bytes.
/// </summary>
internal static class BenchInputs
{
    /// <summary>Bump when the generated content changes, so stale folders are rebuilt.</summary>
    private const string Version = "v1";

    /// <summary>The scenarios, as the benchmark's `Image` parameter names them.</summary>
    public static readonly string[] Scenarios = ["busybox", "generated", "generated-layered"];

    public static string Root
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable("IMAGEDSL_BENCH_DIR");
            return Path.GetFullPath(string.IsNullOrEmpty(fromEnvironment) ? Path.Combine(Path.GetTempPath(), "imagedsl-bench") : fromEnvironment);
        }
    }

    /// <summary>Makes the repositories unless a finished set of this version is already there.</summary>
    public static void EnsureRepositories()
    {
        string marker = Path.Combine(Root, "repos-" + Version + ".done");
        if (File.Exists(marker))
        {
            return;
        }
        Directory.CreateDirectory(Root);
        foreach (string name in new[] { "busybox-repo", "generated-repo" })
        {
            string old = Path.Combine(Root, name);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
        TestRepositories.CreateBusyboxRepository(Path.Combine(Root, "busybox-repo"), "x86_64");
        GeneratedRepository.Write(Path.Combine(Root, "generated-repo"));
        File.WriteAllText(marker, DateTimeOffset.UtcNow.ToString("O"));
    }

    /// <summary>The repository folder a scenario builds from.</summary>
    public static string RepositoryOf(string scenario) =>
        Path.Combine(Root, scenario == "busybox" ? "busybox-repo" : "generated-repo");

    /// <summary>The single-arch (amd64) configuration of a scenario.</summary>
    public static ImageConfiguration Configuration(string scenario)
    {
        string repo = RepositoryOf(scenario);
        (string key, string package) = scenario == "busybox"
            ? (Path.Combine(repo, TestRepositories.KeyName + ".pub"), "busybox")
            : (Path.Combine(repo, GeneratedRepository.KeyName + ".pub"), "bench-app");
        string layering = scenario == "generated-layered" ? "layering: {strategy: origin, budget: 8}" : "";
        return ConfigurationLoader.Parse($"""
            contents:
              repositories: [{repo}]
              keyring: [{key}]
              packages: [{package}]
            entrypoint:
              command: /bin/sh -l
            archs: [amd64]
            {layering}
            """).Configuration;
    }

    /// <summary>A build request whose temporary files go to a fresh folder under <paramref name="work"/>.</summary>
    public static BuildRequest Request(ImageConfiguration configuration, string work) => new()
    {
        Configuration = configuration,
        Archs = [Architecture.Amd64],
        Repository = new RepositoryClientOptions { CacheDirectory = Path.Combine(work, "cache") },
        TemporaryDirectory = Path.Combine(work, "build-" + Guid.NewGuid().ToString("N")),
    };

    /// <summary>
    /// What floor.sh works on for a scenario: every installed package's data member as its own .gz
    /// (root/floor/scenario/data) and each layer of our image uncompressed (root/floor/scenario/layers, with our compressed sizes in layers.txt).
    /// </summary>
    public static async Task<string> WriteFloorInputsAsync(string scenario)
    {
        string folder = Path.Combine(Root, "floor", scenario);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        string data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        string layers = Directory.CreateDirectory(Path.Combine(folder, "layers")).FullName;
        string work = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;

        using BuiltImage image = await ImageBuilder.BuildAsync(Request(Configuration(scenario), work));
        var installed = image.SbomImages.Single().Packages.Select(p => $"{p.Name}-{p.Version}.apk").ToHashSet(StringComparer.Ordinal);
        foreach (string apk in Directory.GetFiles(Path.Combine(RepositoryOf(scenario), "x86_64"), "*.apk").Order(StringComparer.Ordinal))
        {
            if (!installed.Contains(Path.GetFileName(apk)))
            {
                continue;
            }
            using ApkPackage package = ApkPackageReader.Open(apk, new ApkPackageReaderOptions { SignaturePolicy = PackageSignaturePolicy.Ignore });
            using FileStream source = File.OpenRead(apk);
            source.Position = package.DataRange.Offset;
            using FileStream target = File.Create(Path.Combine(data, Path.GetFileNameWithoutExtension(apk) + ".data.gz"));
            CopyExactly(source, target, package.DataRange.Length);
        }
        int n = 0;
        var summary = new List<string>();
        foreach (var layer in image.Index.Images.Single().Layers)
        {
            summary.Add($"layer{n:00}.tar {layer.UncompressedSize} bytes, ours gzipped {layer.Size} bytes, {layer.Digest}");
            using Stream blob = image.Store.OpenRead(layer.Descriptor.Digest);
            using var gunzip = new GZipStream(blob, CompressionMode.Decompress);
            using FileStream target = File.Create(Path.Combine(layers, $"layer{n++:00}.tar"));
            gunzip.CopyTo(target);
        }
        File.WriteAllLines(Path.Combine(folder, "layers.txt"), summary);
        return folder;
    }

    private static void CopyExactly(Stream source, Stream target, long length)
    {
        byte[] buffer = new byte[1 << 16];
        while (length > 0)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (read == 0)
            {
                throw new EndOfStreamException();
            }
            target.Write(buffer, 0, read);
            length -= read;
        }
    }
}
