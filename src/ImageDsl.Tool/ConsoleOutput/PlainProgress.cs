using ImageDsl.Progress;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// One line per event and no escape codes: for CI logs, pipes, files and `--non-interactive`.
/// Byte progress is not streamed; an item gets one line when it completes.
/// </summary>
internal sealed class PlainProgress : ConsoleProgress
{
    private readonly HashSet<(BuildStage, string)> _completed = [];

    public PlainProgress(TextWriter writer, LogLevel level)
        : base(writer, level)
    {
    }

    protected override void OnStep(BuildStage stage, string message) => Writer.WriteLine($"[{Label(stage)}] {message}");

    protected override void OnBytes(BuildStage stage, string item, long done, long? total)
    {
        if (total is { } size && done >= size && _completed.Add((stage, item)))
        {
            Writer.WriteLine($"[{Label(stage)}] {item} {ByteSize.Format(size)}");
        }
    }

    protected override void OnWarning(string message) => Writer.WriteLine($"warning: {message}");

    protected override void OnDebug(string message) => Writer.WriteLine($"debug: {message}");

    protected override void OnFinish()
    {
    }
}
