namespace ImageDsl.Oci.Base;

/// <summary>
/// One architecture's image from a base-image layout: its layers (kept byte for byte), its runtime
/// config, its history and the apk database its layers leave behind.
/// </summary>
/// <param name="Location">Where the image came from (the layout folder), for messages.</param>
/// <param name="ManifestDigest">The base manifest's digest.</param>
/// <param name="Layers">The base layers, bottom first.</param>
/// <param name="Config">Entrypoint, env, user... as the base config gives them.</param>
/// <param name="History">The base config's history entries, in order.</param>
/// <param name="InstalledDatabase">The text of `usr/lib/apk/db/installed` (or `lib/apk/db/installed`) as the top-most base layer holding it has it; empty when no layer has one (or a later layer's whiteout removed it).</param>
public sealed record LoadedBaseImage(
    string Location,
    string ManifestDigest,
    IReadOnlyList<BaseLayer> Layers,
    BaseImageConfig Config,
    IReadOnlyList<BaseHistory> History,
    string InstalledDatabase)
{
    /// <summary>`/etc/passwd` as the top-most base layer holding it has it; empty when none has (or a later layer's whiteout removed it).</summary>
    public string Passwd { get; init; } = "";

    /// <summary>`/etc/group` as the top-most base layer holding it has it; empty when none has (or a later layer's whiteout removed it).</summary>
    public string Group { get; init; } = "";
}

/// <summary>A base layer: its descriptor facts and the file it is copied from unchanged.</summary>
/// <param name="Blob">Digest, size, diff_id and media type.</param>
/// <param name="SourcePath">The blob file in the base layout.</param>
public sealed record BaseLayer(LayerBlob Blob, string SourcePath);

/// <summary>One `history` entry of the base config (kept so tools still show how the base was made).</summary>
public sealed record BaseHistory(string? Author, string? Created, string? CreatedBy, string? Comment, bool EmptyLayer);

/// <summary>The runtime part (`config`) of the base image's config.</summary>
public sealed record BaseImageConfig
{
    /// <summary>`Env`, `K=V` entries.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>`Entrypoint`.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>`Cmd`.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>`User`.</summary>
    public string? User { get; init; }

    /// <summary>`WorkingDir`.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>`StopSignal`.</summary>
    public string? StopSignal { get; init; }

    /// <summary>`Labels`.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>`Volumes` keys.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];
}
