using BenchmarkDotNet.Attributes;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;

namespace ImageDsl.Benchmarks;

/// <summary>Resolving common worlds on the Alpine 3.17 aarch64 index (resolver built once; each run is a fresh resolution).</summary>
[MemoryDiagnoser]
public class ResolverBenchmarks
{
    private Resolver _resolver = null!;

    [Params("alpine-base", "nginx", "python3", "busybox", "openssh", "curl")]
    public string World { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        byte[] archive = File.ReadAllBytes(FixturePaths.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"));
        var keyring = new Keyring([ApkPublicKey.FromFile(FixturePaths.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"))]);
        ApkIndex index = ApkIndex.Read(archive, ApkRepository.Parse("https://dl-cdn.alpinelinux.org/alpine/v3.17/main"), "aarch64", "bench", keyring);
        _resolver = new Resolver("aarch64", [index]);
    }

    [Benchmark]
    public int Resolve() => _resolver.Resolve([World]).Packages.Count;
}
