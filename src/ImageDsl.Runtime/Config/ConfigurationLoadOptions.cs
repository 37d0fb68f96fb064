namespace ImageDsl.Config;

/// <summary>How to load a configuration: where includes are looked for, and apko's command-line additions.</summary>
public sealed record ConfigurationLoadOptions
{
    /// <summary>
    /// The directory relative paths (the config itself, `include:`) resolve against, as apko's `-C`;
    /// null means the process's current directory.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// `--include-paths`: folders searched for the configuration file itself and for an `include:` when
    /// not found relative to the working directory.
    /// </summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = [];

    /// <summary>`-p/--package-append`: world constraints appended to `contents.packages`.</summary>
    public IReadOnlyList<string> ExtraPackages { get; init; } = [];

    /// <summary>`-r/--repository-append`: appended to `contents.repositories`.</summary>
    public IReadOnlyList<string> ExtraRepositories { get; init; } = [];

    /// <summary>`-b/--build-repository-append`: appended to `contents.build_repositories`.</summary>
    public IReadOnlyList<string> ExtraBuildRepositories { get; init; } = [];

    /// <summary>`-k/--keyring-append`: appended to `contents.keyring`.</summary>
    public IReadOnlyList<string> ExtraKeyring { get; init; } = [];

    /// <summary>
    /// `--arch`: when not empty, replaces the configuration's archs. `all` means every architecture, `host`
    /// this machine's; other names are parsed (apk aliases accepted), deduplicated and sorted as apko does.
    /// </summary>
    public IReadOnlyList<string> Archs { get; init; } = [];

    /// <summary>
    /// `--format`: when set, replaces the configuration's `format` (apko applies the flag over the file), so it
    /// is validated like the file's value: `tar` builds, anything else is refused.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>The directory relative paths resolve against.</summary>
    internal string ResolveWorkingDirectory() => Path.GetFullPath(WorkingDirectory ?? Directory.GetCurrentDirectory());
}
