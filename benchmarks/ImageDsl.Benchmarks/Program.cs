using BenchmarkDotNet.Running;
using ImageDsl.Benchmarks.Build;

namespace ImageDsl.Benchmarks;

/// <summary>
/// Runs the benchmarks: `dotnet run -c Release --project benchmarks/ImageDsl.Benchmarks -- --filter '*'`
/// (add `--job short` for a quick run). Fixtures come from ../shared/fixtures beside the checkout.
/// Two extra verbs serve benchmarks/floor.sh: `prepare` (make the build benchmarks' repositories and
/// the floor's inputs, print the folder) and `stages [runs] [tsv]` (a per-stage breakdown of warm builds, with wall and CPU time beside the in-process floor);
/// benchmarks/deflate-levels.sh uses `deflate-levels &lt;tar&gt; [gzip -6 size]` (our gzip levels beside zlib-ng's).
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "prepare":
                BenchInputs.EnsureRepositories();
                foreach (string scenario in BenchInputs.Scenarios)
                {
                    Console.WriteLine(await BenchInputs.WriteFloorInputsAsync(scenario));
                }
                return;
            case "deflate-levels":
                DeflateLevels.Run(args[1], args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null);
                return;
            case "stages":
                await StageBreakdown.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
                return;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return;
        }
    }
}
