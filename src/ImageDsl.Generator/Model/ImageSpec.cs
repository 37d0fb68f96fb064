using ImageDsl.Generator.Helpers;

namespace ImageDsl.Generator.Model;

// The generator pipeline's models: strings, numbers and EquatableArrays only (no symbols, syntax,
// locations or compilations), so an unchanged image compares equal and its output is not regenerated.

/// <summary>Everything needed to emit one image class's generated file.</summary>
internal sealed record ImageSpec(TypeSpec Type, string ImageName, ConfigurationSpec Configuration)
{
    /// <summary>
    /// <c>[LayerCompression]</c> as <c>--compression</c> text (<c>zstd</c>, <c>zstd:9</c>), or null when none is declared
    /// or the declared one is invalid (IMG0045). A build setting, so not part of <see cref="Configuration"/>.
    /// </summary>
    public string? LayerCompression { get; init; }
}

/// <summary>Where the partial class lives and how to name it.</summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="Containers">Enclosing types, outermost first (for nested image classes).</param>
/// <param name="Keyword">"class" or "record".</param>
/// <param name="Name">The class name.</param>
/// <param name="TypeOfExpression">A global::-qualified name usable in typeof at assembly level, or null.</param>
/// <param name="MetadataName">The reflection name (Ns.Outer+Inner) used when typeof cannot reach the type.</param>
/// <param name="HidesBaseImage">A base class is an image too, so members need <c>new</c>.</param>
internal sealed record TypeSpec(
    string? Namespace,
    EquatableArray<ContainerSpec> Containers,
    string Keyword,
    string Name,
    string? TypeOfExpression,
    string MetadataName,
    bool HidesBaseImage)
{
    /// <summary>A deterministic, unique file name: Ns.Outer.Inner.g.cs.</summary>
    public string HintName => MetadataName.Replace('+', '.') + ".g.cs";
}

/// <summary>An enclosing type: its keyword ("class", "struct", "record", "record struct") and name.</summary>
internal sealed record ContainerSpec(string Keyword, string Name);

/// <summary>The merged declaration, mirroring ImageDsl.Model.ImageConfiguration.</summary>
internal sealed record ConfigurationSpec
{
    public EquatableArray<string> Repositories { get; init; }
    public EquatableArray<string> BuildRepositories { get; init; }
    public EquatableArray<string> RuntimeRepositories { get; init; }
    public EquatableArray<string> Keyring { get; init; }
    public EquatableArray<NamedTextSpec> RuntimeKeys { get; init; }
    public EquatableArray<string> Packages { get; init; }
    public BaseImageSpec? BaseImage { get; init; }
    public EntrypointSpec? Entrypoint { get; init; }
    public string? Cmd { get; init; }
    public string? StopSignal { get; init; }
    public string? WorkDir { get; init; }
    public AccountsSpec? Accounts { get; init; }

    /// <summary>Member names of ImageDsl.Model.Architecture (Amd64, ArmV7...).</summary>
    public EquatableArray<string> Archs { get; init; }
    public EquatableArray<KeyValueSpec> Environment { get; init; }
    public EquatableArray<PathSpec> Paths { get; init; }
    public string? VcsUrl { get; init; }
    public EquatableArray<KeyValueSpec> Annotations { get; init; }
    public string? Include { get; init; }
    public EquatableArray<string> Volumes { get; init; }
    public LayeringSpec? Layering { get; init; }
    public string? Format { get; init; }
    public CertificatesSpec? Certificates { get; init; }
    public EquatableArray<LocalContentSpec> Local { get; init; }
}

internal sealed record NamedTextSpec(string Name, string Content);

internal sealed record KeyValueSpec(string Key, string Value);

internal sealed record BaseImageSpec(string? Image, string? ApkIndex, string? Reference);

internal sealed record EntrypointSpec(string? Type, string? Command, string? ShellFragment, EquatableArray<KeyValueSpec> Services);

internal sealed record AccountsSpec(string? RunAs, EquatableArray<UserSpec> Users, EquatableArray<GroupSpec> Groups);

internal sealed record UserSpec(string UserName, uint? Uid, uint? Gid, string? Shell, string? HomeDir);

internal sealed record GroupSpec(string GroupName, uint? Gid, EquatableArray<string> Members);

/// <summary>A paths entry; <paramref name="Type"/> is the ImageDsl.Model.PathMutationType member name.</summary>
internal sealed record PathSpec(string Path, string Type, uint? Uid, uint? Gid, uint? Permissions, string? Source, bool Recursive);

internal sealed record LayeringSpec(string Strategy, int Budget);

internal sealed record CertificatesSpec(EquatableArray<NamedTextSpec> Additional, EquatableArray<string> Providers);
