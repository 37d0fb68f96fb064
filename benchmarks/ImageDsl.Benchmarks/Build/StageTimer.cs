using System.Diagnostics;
using ImageDsl.Progress;

namespace ImageDsl.Benchmarks.Build;

/// <summary>
/// Records when the build reports each step, so the time between steps can be charged to a stage:
/// a Stopwatch breakdown of one build (dotnet-trace is not installed on the benchmark machine).
/// </summary>
internal sealed class StageTimer : IBuildProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<(TimeSpan At, BuildStage Stage, string Message)> Steps { get; } = [];

    public TimeSpan Now => _clock.Elapsed;

    public void Step(BuildStage stage, string message) => Steps.Add((_clock.Elapsed, stage, message));

    public void Bytes(BuildStage stage, string item, long done, long? total) { }

    public void Warning(string message) { }

    public void Debug(string message) { }
}
