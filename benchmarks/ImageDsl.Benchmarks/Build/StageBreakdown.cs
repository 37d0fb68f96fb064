using System.Globalization;
using ImageDsl.Build;
using ImageDsl.Progress;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// `-- stages [runs]`: times warm builds with a <see cref="StageTimer"/> and prints the median time
/// between the build's progress steps, i.e. where a warm build spends its time.
/// </summary>
internal static class StageBreakdown
{
    private static readonly string[] Intervals =
    [
        "read index + resolve",
        "verify packages (fetch stage)",
        "install: re-verify, gunzip, SHA-1, spill",
        "apk db, accounts, etc files",
        "layers: tar + gzip + 2x SHA-256",
        "config, manifest, index",
        "write image tar",
        "dispose (delete temp folder)",
    ];

    public static async Task RunAsync(int runs)
    {
        BenchInputs.EnsureRepositories();
        string work = Directory.CreateDirectory(Path.Combine(BenchInputs.Root, "work", "stages-" + Environment.ProcessId)).FullName;
        try
        {
            foreach (string scenario in BenchInputs.Scenarios)
            {
                var samples = new List<double[]>();
                for (int run = 0; run <= runs; run++)
                {
                    double[] sample = await OneBuildAsync(scenario, work);
                    if (run > 0)
                    {
                        samples.Add(sample); // run 0 warms up
                    }
                }
                Console.WriteLine($"\n{scenario}: median of {runs} warm builds (ms)");
                double total = 0;
                for (int i = 0; i < Intervals.Length; i++)
                {
                    double median = Median(samples.Select(s => s[i]));
                    total += median;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Intervals[i],-42} {median,8:0.0}"));
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"sum of medians",-42} {total,8:0.0}"));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double[]> OneBuildAsync(string scenario, string work)
    {
        var timer = new StageTimer();
        BuildRequest request = BenchInputs.Request(BenchInputs.Configuration(scenario), work) with { Progress = timer };
        TimeSpan start = timer.Now;
        BuiltImage image = await ImageBuilder.BuildAsync(request);
        TimeSpan built = timer.Now;
        BuildOutputs.WriteImage(image, Path.Combine(work, "image.tar"), "bench:latest");
        TimeSpan written = timer.Now;
        image.Dispose();
        File.Delete(Path.Combine(work, "image.tar"));
        TimeSpan disposed = timer.Now;

        TimeSpan At(BuildStage stage, int nth = 0) => timer.Steps.Where(s => s.Stage == stage).Select(s => s.At).ElementAt(nth);
        TimeSpan[] marks =
        [
            start,
            At(BuildStage.Resolve),
            At(BuildStage.Fetch),
            At(BuildStage.Install),
            At(BuildStage.Layer, 0),
            At(BuildStage.Layer, 1),
            built,
            written,
            disposed,
        ];
        return marks.Zip(marks.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
