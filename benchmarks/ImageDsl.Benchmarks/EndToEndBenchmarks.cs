using BenchmarkDotNet.Attributes;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;
using ImageDsl.Apk.Solver;

namespace ImageDsl.Benchmarks;

/// <summary>What `show-packages` costs after the file is on disk: index read + resolver setup + resolution.</summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private byte[] _archive = [];
    private Keyring _keyring = new([]);
    private ApkIndex _index = null!;
    private readonly ApkRepository _repository = ApkRepository.Parse("https://dl-cdn.alpinelinux.org/alpine/v3.17/main");

    [GlobalSetup]
    public void Setup()
    {
        _archive = File.ReadAllBytes(FixturePaths.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"));
        _keyring = new Keyring([ApkPublicKey.FromFile(FixturePaths.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"))]);
        _index = ApkIndex.Read(_archive, _repository, "aarch64", "bench", _keyring);
    }

    [Benchmark(Description = "resolver setup (name and provides maps)")]
    public int BuildResolver() => new Resolver("aarch64", [_index]).Packages.Count;

    [Benchmark(Description = "verify + parse + resolve alpine-base")]
    public int ReadAndResolve() =>
        new Resolver("aarch64", [ApkIndex.Read(_archive, _repository, "aarch64", "bench", _keyring)]).Resolve(["alpine-base"]).Packages.Count;
}
