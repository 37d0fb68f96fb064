using BenchmarkDotNet.Running;

namespace ImageDsl.Benchmarks;

/// <summary>
/// Runs the benchmarks: `dotnet run -c Release --project benchmarks/ImageDsl.Benchmarks -- --filter '*'`
/// (add `--job short` for a quick run). Fixtures come from ../shared/fixtures beside the checkout.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
