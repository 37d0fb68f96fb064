namespace ImageDsl.Progress;

/// <summary>
/// Receives what a build is doing. The engine reports; the CLI decides how to show it (a live bar on
/// a terminal, one plain line per step in CI, JSON, or nothing).
/// </summary>
public interface IBuildProgress
{
    /// <summary>A step started or finished, e.g. (Resolve, "arm64: 14 packages").</summary>
    void Step(BuildStage stage, string message);

    /// <summary>Byte progress of one item (a package download, a layer); <paramref name="total"/> may be unknown.</summary>
    void Bytes(BuildStage stage, string item, long done, long? total);

    /// <summary>Something the user should know that does not stop the build.</summary>
    void Warning(string message);

    /// <summary>Detail shown only with `--log-level debug`.</summary>
    void Debug(string message);
}

/// <summary>Discards everything (library use and tests).</summary>
public sealed class NullBuildProgress : IBuildProgress
{
    /// <summary>The shared instance.</summary>
    public static NullBuildProgress Instance { get; } = new();

    /// <inheritdoc />
    public void Step(BuildStage stage, string message) { }

    /// <inheritdoc />
    public void Bytes(BuildStage stage, string item, long done, long? total) { }

    /// <inheritdoc />
    public void Warning(string message) { }

    /// <inheritdoc />
    public void Debug(string message) { }
}
