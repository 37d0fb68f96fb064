namespace ImageDsl.Testing;

/// <summary>A line of the image's <c>/etc/passwd</c>.</summary>
public sealed record ImageUser(string Name, int Uid, int Gid, string Home, string Shell);

/// <summary>A line of the image's <c>/etc/group</c>.</summary>
public sealed record ImageGroup(string Name, int Gid, IReadOnlyList<string> Members);

/// <summary>An installed package, from the image's apk database (<c>/usr/lib/apk/db/installed</c>).</summary>
public sealed record InstalledPackage(string Name, string Version);

/// <summary>The OCI image configuration a runtime starts the container with.</summary>
public sealed record ImageRuntimeConfig(
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyDictionary<string, string> Environment,
    string? User,
    string? WorkingDir,
    string? StopSignal);
