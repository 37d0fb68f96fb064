using BenchmarkDotNet.Attributes;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Repositories;
using ImageDsl.Apk.Signing;

namespace ImageDsl.Benchmarks;

/// <summary>Reading the real Alpine 3.17 aarch64 index (5,004 packages): verify + decompress + parse.</summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private byte[] _archive = [];
    private Keyring _keyring = new([]);
    private readonly ApkRepository _repository = ApkRepository.Parse("https://dl-cdn.alpinelinux.org/alpine/v3.17/main");

    [GlobalSetup]
    public void Setup()
    {
        _archive = File.ReadAllBytes(FixturePaths.Shared("alpine-v3.17-main-aarch64", "APKINDEX.tar.gz"));
        _keyring = new Keyring([ApkPublicKey.FromFile(FixturePaths.Shared("alpine-keys", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"))]);
    }

    [Benchmark(Description = "verify + parse APKINDEX.tar.gz")]
    public int VerifyAndParse() => ApkIndex.Read(_archive, _repository, "aarch64", "bench", _keyring).Packages.Count;

    [Benchmark(Description = "parse only (--ignore-signatures)")]
    public int ParseOnly() => ApkIndex.Read(_archive, _repository, "aarch64", "bench", null).Packages.Count;

    [Benchmark(Description = "verify signature only")]
    public string VerifyOnly() => IndexVerifier.Verify(_archive, IndexSignatures.Locate(_archive, "bench"), _keyring, "bench");
}
