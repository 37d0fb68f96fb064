using ImageDsl.Progress;

namespace ImageDsl.Tool.ConsoleOutput;

/// <summary>
/// The console side of <see cref="IBuildProgress"/>: filters by `--log-level`, serialises reports from
/// parallel work, and leaves the rendering to a subclass (live line or plain lines). Dispose it when the
/// command's work ends so a live line is erased before the result or an error is printed.
/// </summary>
internal abstract class ConsoleProgress : IBuildProgress, IDisposable
{
    private readonly object _gate = new();
    private bool _finished;

    protected ConsoleProgress(TextWriter writer, LogLevel level)
    {
        Writer = writer;
        Level = level;
    }

    /// <summary>Where everything goes (stderr).</summary>
    protected TextWriter Writer { get; }

    /// <summary>The `--log-level` in force.</summary>
    public LogLevel Level { get; }

    /// <inheritdoc />
    public void Step(BuildStage stage, string message) => Report(LogLevel.Info, () => OnStep(stage, message));

    /// <inheritdoc />
    public void Bytes(BuildStage stage, string item, long done, long? total) =>
        Report(LogLevel.Info, () => OnBytes(stage, item, Math.Max(0, done), total is < 0 ? null : total));

    /// <inheritdoc />
    public void Warning(string message) => Report(LogLevel.Warn, () => OnWarning(ImageDsl.Apk.Repositories.UrlRedaction.Redact(message)));

    /// <inheritdoc />
    public void Debug(string message) => Report(LogLevel.Debug, () => OnDebug(message));

    /// <summary>Erases any live line; later reports are ignored.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _finished = true;
                OnFinish();
                Writer.Flush();
            }
        }
    }

    /// <summary>The name a stage is shown under: `resolve`, `fetch`...</summary>
    public static string Label(BuildStage stage) => stage switch
    {
        BuildStage.Config => "config",
        BuildStage.Index => "index",
        BuildStage.Resolve => "resolve",
        BuildStage.Fetch => "fetch",
        BuildStage.Install => "install",
        BuildStage.Layer => "layer",
        BuildStage.Write => "write",
        BuildStage.Push => "push",
        _ => stage.ToString().ToLowerInvariant(),
    };

    protected abstract void OnStep(BuildStage stage, string message);

    protected abstract void OnBytes(BuildStage stage, string item, long done, long? total);

    protected abstract void OnWarning(string message);

    protected abstract void OnDebug(string message);

    protected abstract void OnFinish();

    private void Report(LogLevel level, Action write)
    {
        if (level < Level)
        {
            return;
        }
        lock (_gate)
        {
            if (!_finished)
            {
                write();
            }
        }
    }
}
