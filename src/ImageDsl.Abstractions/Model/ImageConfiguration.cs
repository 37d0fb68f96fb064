namespace ImageDsl.Model;

/// <summary>
/// An image declaration: every field of apko.yaml. The YAML reader, the C# generator and the build
/// engine all use this one model. Immutable and value-equal.
/// </summary>
public sealed record ImageConfiguration
{
    /// <summary>`contents`: repositories, keys and packages.</summary>
    public ImageContents Contents { get; init; } = new();

    /// <summary>`entrypoint`.</summary>
    public ImageEntrypoint? Entrypoint { get; init; }

    /// <summary>`cmd`, shell-split into the OCI Cmd.</summary>
    public string? Cmd { get; init; }

    /// <summary>`stop-signal`.</summary>
    public string? StopSignal { get; init; }

    /// <summary>`work-dir`.</summary>
    public string? WorkDir { get; init; }

    /// <summary>`accounts`.</summary>
    public ImageAccounts? Accounts { get; init; }

    /// <summary>`archs`, canonical names in declaration order.</summary>
    public ValueList<Architecture> Archs { get; init; } = ValueList<Architecture>.Empty;

    /// <summary>`environment`.</summary>
    public ValueMap<string> Environment { get; init; } = ValueMap<string>.Empty;

    /// <summary>`paths`, applied in order.</summary>
    public ValueList<PathMutation> Paths { get; init; } = ValueList<PathMutation>.Empty;

    /// <summary>`vcs-url`: `url@commit`.</summary>
    public string? VcsUrl { get; init; }

    /// <summary>`annotations`.</summary>
    public ValueMap<string> Annotations { get; init; } = ValueMap<string>.Empty;

    /// <summary>`include` (deprecated in apko, still supported): a file merged under this one.</summary>
    public string? Include { get; init; }

    /// <summary>`volumes`.</summary>
    public ValueList<string> Volumes { get; init; } = ValueList<string>.Empty;

    /// <summary>`layering`.</summary>
    public ImageLayering? Layering { get; init; }

    /// <summary>`format`: `tar` (the only one supported).</summary>
    public string? Format { get; init; }

    /// <summary>`certificates`.</summary>
    public ImageCertificates? Certificates { get; init; }
}

/// <summary>`contents`.</summary>
public sealed record ImageContents
{
    /// <summary>Used to build and written to `/etc/apk/repositories`; `URL` or `@tag URL`.</summary>
    public ValueList<string> Repositories { get; init; } = ValueList<string>.Empty;

    /// <summary>Used to build only.</summary>
    public ValueList<string> BuildRepositories { get; init; } = ValueList<string>.Empty;

    /// <summary>Written to the image only.</summary>
    public ValueList<string> RuntimeRepositories { get; init; } = ValueList<string>.Empty;

    /// <summary>Key files or URLs used to verify indexes and packages.</summary>
    public ValueList<string> Keyring { get; init; } = ValueList<string>.Empty;

    /// <summary>Inline keys written to `/etc/apk/keys` after install, never used to build.</summary>
    public ValueList<RuntimeKey> RuntimeKeyring { get; init; } = ValueList<RuntimeKey>.Empty;

    /// <summary>World constraints.</summary>
    public ValueList<string> Packages { get; init; } = ValueList<string>.Empty;

    /// <summary>`baseimage` (experimental in apko).</summary>
    public BaseImage? BaseImage { get; init; }

    /// <summary>
    /// `local` (ImageDsl's own, not apko's): folders packed into signed packages at build time and
    /// added to the world.
    /// </summary>
    public ValueList<LocalContent> Local { get; init; } = ValueList<LocalContent>.Empty;
}

/// <summary>A `runtime_keyring` entry.</summary>
public sealed record RuntimeKey(string Name, string Content);

/// <summary>
/// `contents.baseimage`: apko's <paramref name="Image"/> (an OCI layout folder) and
/// <paramref name="ApkIndex"/>, or ImageDsl's <see cref="Reference"/> (a registry reference) instead of
/// <paramref name="Image"/>.
/// </summary>
/// <param name="Image">`image`: an OCI layout folder (as apko).</param>
/// <param name="ApkIndex">`apkindex`: a folder with `&lt;apkarch&gt;/APKINDEX` (as apko); optional here.</param>
public sealed record BaseImage(string? Image, string? ApkIndex)
{
    /// <summary>
    /// `ref` (ImageDsl's own, not apko's): a registry reference (`host[:port]/repository[:tag][@sha256:…]`)
    /// pulled with `publish`'s credentials and pinned by digest in the lock file. Exclusive with <see cref="Image"/>.
    /// </summary>
    public string? Reference { get; init; }
}

/// <summary>`entrypoint`.</summary>
public sealed record ImageEntrypoint
{
    /// <summary>`type`: `service-bundle` or null.</summary>
    public string? Type { get; init; }

    /// <summary>`command`, shell-split into the OCI Entrypoint.</summary>
    public string? Command { get; init; }

    /// <summary>`shell-fragment`: becomes `/bin/sh -c fragment` and wins over the command.</summary>
    public string? ShellFragment { get; init; }

    /// <summary>`services`: s6 service name to command.</summary>
    public ValueMap<string> Services { get; init; } = ValueMap<string>.Empty;

    /// <summary>The only entrypoint type apko knows.</summary>
    public const string ServiceBundle = "service-bundle";
}

/// <summary>`accounts`.</summary>
public sealed record ImageAccounts
{
    /// <summary>`run-as`: a user name or uid.</summary>
    public string? RunAs { get; init; }

    /// <summary>`users`.</summary>
    public ValueList<UserAccount> Users { get; init; } = ValueList<UserAccount>.Empty;

    /// <summary>`groups`.</summary>
    public ValueList<GroupAccount> Groups { get; init; } = ValueList<GroupAccount>.Empty;
}

/// <summary>An `accounts.users` entry.</summary>
public sealed record UserAccount
{
    /// <summary>`username`.</summary>
    public string UserName { get; init; } = "";

    /// <summary>`uid` (required; 0 is refused).</summary>
    public uint? Uid { get; init; }

    /// <summary>`gid`; null means "the same as the uid".</summary>
    public uint? Gid { get; init; }

    /// <summary>`shell`; null means `/bin/sh`.</summary>
    public string? Shell { get; init; }

    /// <summary>`homedir`; null means `/home/&lt;username&gt;`.</summary>
    public string? HomeDir { get; init; }
}

/// <summary>An `accounts.groups` entry.</summary>
public sealed record GroupAccount
{
    /// <summary>`groupname`.</summary>
    public string GroupName { get; init; } = "";

    /// <summary>`gid`.</summary>
    public uint? Gid { get; init; }

    /// <summary>`members`: user names.</summary>
    public ValueList<string> Members { get; init; } = ValueList<string>.Empty;
}

/// <summary>The kinds of `paths` entries.</summary>
public enum PathMutationType
{
    /// <summary>`directory`.</summary>
    Directory,

    /// <summary>`empty-file`.</summary>
    EmptyFile,

    /// <summary>`hardlink`.</summary>
    Hardlink,

    /// <summary>`symlink`.</summary>
    Symlink,

    /// <summary>`permissions`.</summary>
    Permissions,
}

/// <summary>A `paths` entry.</summary>
public sealed record PathMutation
{
    /// <summary>`path`.</summary>
    public string Path { get; init; } = "";

    /// <summary>`type`.</summary>
    public PathMutationType Type { get; init; }

    /// <summary>`uid`; both null leaves ownership untouched, one set makes the other 0.</summary>
    public uint? Uid { get; init; }

    /// <summary>`gid`.</summary>
    public uint? Gid { get; init; }

    /// <summary>`permissions` (octal in YAML: 0o755).</summary>
    public uint? Permissions { get; init; }

    /// <summary>`source`: the link target.</summary>
    public string? Source { get; init; }

    /// <summary>`recursive`, for `directory` and `permissions`.</summary>
    public bool Recursive { get; init; }

    /// <summary>The YAML spelling of a type.</summary>
    public static string TypeName(PathMutationType type) => type switch
    {
        PathMutationType.Directory => "directory",
        PathMutationType.EmptyFile => "empty-file",
        PathMutationType.Hardlink => "hardlink",
        PathMutationType.Symlink => "symlink",
        PathMutationType.Permissions => "permissions",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses the YAML spelling of a type.</summary>
    public static bool TryParseType(string? text, out PathMutationType type)
    {
        foreach (PathMutationType candidate in Enum.GetValues<PathMutationType>())
        {
            if (TypeName(candidate) == text)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}

/// <summary>`layering`.</summary>
public sealed record ImageLayering(string Strategy, int Budget)
{
    /// <summary>The only strategy: group packages by origin.</summary>
    public const string Origin = "origin";
}

/// <summary>`certificates`.</summary>
public sealed record ImageCertificates
{
    /// <summary>`additional`: inline PEM certificates.</summary>
    public ValueList<AdditionalCertificate> Additional { get; init; } = ValueList<AdditionalCertificate>.Empty;

    /// <summary>`providers`: virtual names whose installed providers contribute certificates.</summary>
    public ValueList<string> Providers { get; init; } = ValueList<string>.Empty;
}

/// <summary>A `certificates.additional` entry.</summary>
public sealed record AdditionalCertificate(string Name, string Content);
