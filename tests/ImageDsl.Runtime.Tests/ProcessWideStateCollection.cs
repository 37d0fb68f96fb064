namespace ImageDsl.Tests;

/// <summary>
/// Tests that change process-wide state (the umask, TZ, XDG variables) run alone, after the parallel ones:
/// a tool that a parallel test starts in that window inherits the state. A umask of 077 set here once made
/// umoci unpack a rootfs that runc's non-root process could not enter ("stat /bin/sh: permission denied").
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process-wide state";
}
