namespace ImageDsl.Testing;

/// <summary>Limits for <see cref="ImageUnderTest.RunAsync"/>.</summary>
public sealed record ImageRunOptions
{
    /// <summary>How long the command may run (default one minute); then it is killed and <see cref="TimeoutException"/> thrown.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The sandbox to run in: by default bubblewrap when it is installed, else runc.</summary>
    public ImageSandbox Sandbox { get; init; } = ImageSandbox.Auto;

    /// <summary>The most bytes kept of standard output and of standard error each (default 16 MiB); more fails the run.</summary>
    public int MaxOutputBytes { get; init; } = 16 << 20;
}
