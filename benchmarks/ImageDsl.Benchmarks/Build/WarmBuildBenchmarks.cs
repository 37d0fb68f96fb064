using BenchmarkDotNet.Attributes;
using ImageDsl.Build;
using ImageDsl.Model;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// A warm build, single arch (amd64): `ImageBuilder.BuildAsync` then `BuildOutputs.WriteImage` to a
/// tar, as `dotnet image build` does after the first run. The repositories are local folders, which
/// is what a warm cache amounts to (indexes and packages read from disk, nothing fetched); one build
/// in the setup warms the page cache and the JIT. benchmarks/floor.sh times gzip on the same bytes.
/// </summary>
[MemoryDiagnoser]
public class WarmBuildBenchmarks
{
    private ImageConfiguration _configuration = null!;
    private string _work = "";

    /// <summary>busybox (one 1 MB package), generated (41 packages, ~50 MB installed), generated-layered (origin, budget 8).</summary>
    [ParamsSource(nameof(Images))]
    public string Image { get; set; } = "busybox";

    public static IEnumerable<string> Images => BenchInputs.Scenarios;

    [GlobalSetup]
    public void Setup()
    {
        BenchInputs.EnsureRepositories();
        _configuration = BenchInputs.Configuration(Image);
        _work = Directory.CreateDirectory(Path.Combine(BenchInputs.Root, "work", Image + "-" + Environment.ProcessId)).FullName;
        BuildAndWrite().GetAwaiter().GetResult(); // fills the cache, warms the page cache and the JIT
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_work, recursive: true);

    [Benchmark(Description = "warm build + write tar")]
    public async Task<string> BuildAndWrite()
    {
        using BuiltImage image = await ImageBuilder.BuildAsync(BenchInputs.Request(_configuration, _work));
        string tar = Path.Combine(_work, "image.tar");
        BuildOutputs.WriteImage(image, tar, "bench:latest");
        File.Delete(tar);
        return image.Digest;
    }
}
