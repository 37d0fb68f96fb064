using System.Diagnostics;
using System.Globalization;
using ImageDsl.Build;
using ImageDsl.Progress;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// `-- stages [runs] [tsv]`: times warm builds with a <see cref="StageTimer"/> and prints the median
/// time between the build's progress steps (where a warm build spends its time), plus the median
/// wall and CPU time (user+sys of this process) of a whole build and of one in-process floor pass.
/// CPU time hardly moves when other jobs load the machine, so floor.sh compares it with hyperfine's
/// user+sys for gzip. With a tsv path, appends `scenario wall cpu floor_wall floor_cpu` (ms) there.
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

    public static async Task RunAsync(int runs, string? tsv)
    {
        BenchInputs.EnsureRepositories();
        string work = Directory.CreateDirectory(Path.Combine(BenchInputs.Root, "work", "stages-" + Environment.ProcessId)).FullName;
        try
        {
            foreach (string scenario in BenchInputs.Scenarios)
            {
                var samples = new List<double[]>();
                var builds = new List<(double Wall, double Cpu)>();
                for (int run = 0; run <= runs; run++)
                {
                    (double wall, double cpu, double[] stages) = await OneBuildAsync(scenario, work);
                    if (run > 0) // run 0 warms up
                    {
                        samples.Add(stages);
                        builds.Add((wall, cpu));
                    }
                }
                (string[] data, string[] layers) = InProcessFloorBenchmarks.Inputs(scenario);
                var floors = Enumerable.Range(0, runs + 1).Select(_ => Measure(() => InProcessFloorBenchmarks.Run(data, layers))).Skip(1).ToList();

                Console.WriteLine($"\n{scenario}: median of {runs} warm builds (ms)");
                for (int i = 0; i < Intervals.Length; i++)
                {
                    Print(Intervals[i], Median(samples.Select(s => s[i])));
                }
                double wallMs = Median(builds.Select(b => b.Wall)), cpuMs = Median(builds.Select(b => b.Cpu));
                double floorWall = Median(floors.Select(f => f.Wall)), floorCpu = Median(floors.Select(f => f.Cpu));
                Print("whole build, wall", wallMs);
                Print("whole build, CPU (user+sys)", cpuMs);
                Print("in-process floor, wall", floorWall);
                Print("in-process floor, CPU (user+sys)", floorCpu);
                if (tsv is not null)
                {
                    File.AppendAllText(tsv, string.Create(CultureInfo.InvariantCulture,
                        $"{scenario}\t{wallMs:0.0}\t{cpuMs:0.0}\t{floorWall:0.0}\t{floorCpu:0.0}\n"));
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Print(string label, double ms) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-42} {ms,8:0.0}"));

    private static (double Wall, double Cpu) Measure(Action action)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        return (wall.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static async Task<(double Wall, double Cpu, double[] Stages)> OneBuildAsync(string scenario, string work)
    {
        var timer = new StageTimer();
        BuildRequest request = BenchInputs.Request(BenchInputs.Configuration(scenario), work) with { Progress = timer };
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan start = timer.Now;
        BuiltImage image = await ImageBuilder.BuildAsync(request);
        TimeSpan built = timer.Now;
        BuildOutputs.WriteImage(image, Path.Combine(work, "image.tar"), "bench:latest");
        TimeSpan written = timer.Now;
        image.Dispose();
        File.Delete(Path.Combine(work, "image.tar"));
        TimeSpan disposed = timer.Now;
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

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
        return ((disposed - start).TotalMilliseconds, cpuMs, marks.Zip(marks.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray());
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
