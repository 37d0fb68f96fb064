using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Declarations;

/// <summary>
/// What the ImageDsl attributes of one class say (or, after <see cref="DeclarationMerger"/>, of a
/// class and its bases). Values keep their <see cref="Origin"/> for the analyzers; the generator
/// turns the merged form into an equatable <c>ImageSpec</c>.
/// </summary>
internal sealed class Declaration
{
    public Sourced<string?>? ImageName { get; set; }

    /// <summary>The <c>[Image]</c> attribute itself, for diagnostics about the image as a whole.</summary>
    public AttributeData? ImageAttribute { get; set; }

    public List<RepositoryDeclaration> Repositories { get; } = new List<RepositoryDeclaration>();
    public List<RepositoryDeclaration> BuildRepositories { get; } = new List<RepositoryDeclaration>();
    public List<RepositoryDeclaration> RuntimeRepositories { get; } = new List<RepositoryDeclaration>();
    public List<Sourced<string?>> Keyring { get; } = new List<Sourced<string?>>();
    public List<NamedTextDeclaration> RuntimeKeys { get; } = new List<NamedTextDeclaration>();
    public List<Sourced<string?>> Packages { get; } = new List<Sourced<string?>>();
    public BaseImageDeclaration? BaseImage { get; set; }

    /// <summary>Null when no <c>[Arch]</c> is declared (apko: the CLI decides).</summary>
    public List<ArchDeclaration>? Archs { get; set; }

    public EntrypointDeclaration? Entrypoint { get; set; }
    public Sourced<string?>? Cmd { get; set; }
    public Sourced<string?>? StopSignal { get; set; }
    public Sourced<string?>? WorkDir { get; set; }
    public Sourced<string?>? RunAs { get; set; }
    public List<UserDeclaration> Users { get; } = new List<UserDeclaration>();
    public List<GroupDeclaration> Groups { get; } = new List<GroupDeclaration>();
    public List<KeyValueDeclaration> Environment { get; } = new List<KeyValueDeclaration>();
    public List<PathDeclaration> Paths { get; } = new List<PathDeclaration>();
    public Sourced<string?>? VcsUrl { get; set; }
    public List<KeyValueDeclaration> Annotations { get; } = new List<KeyValueDeclaration>();
    public Sourced<string?>? Include { get; set; }

    /// <summary>Every <c>[Include("file")]</c>, in order (more than one is an error; the first is used).</summary>
    public List<Sourced<string?>> FileIncludes { get; } = new List<Sourced<string?>>();

    /// <summary>The <c>[Include(typeof(Fragment))]</c> classes, in order; null when the type is not a named type.</summary>
    public List<Sourced<INamedTypeSymbol?>> Fragments { get; } = new List<Sourced<INamedTypeSymbol?>>();
    public List<Sourced<string?>> Volumes { get; } = new List<Sourced<string?>>();
    public LayeringDeclaration? Layering { get; set; }

    /// <summary><c>[LayerCompression]</c>: a build setting (not in the apko.yaml form), merged as a scalar.</summary>
    public LayerCompressionDeclaration? LayerCompression { get; set; }
    public Sourced<string?>? Format { get; set; }
    public CertificatesDeclaration? Certificates { get; set; }
    public List<LocalContentDeclaration> Local { get; } = new List<LocalContentDeclaration>();

    public bool HasAccounts => RunAs is not null || Users.Count > 0 || Groups.Count > 0;
}

internal sealed class RepositoryDeclaration
{
    public RepositoryDeclaration(Sourced<string?> url, Sourced<string?>? tag)
    {
        Url = url;
        Tag = tag;
    }

    public Sourced<string?> Url { get; }

    public Sourced<string?>? Tag { get; }

    /// <summary>The apko.yaml form: <c>URL</c> or <c>@tag URL</c>.</summary>
    public string? Text => Tag?.Value is { Length: > 0 } tag ? "@" + tag + " " + Url.Value : Url.Value;
}

internal sealed class NamedTextDeclaration
{
    public NamedTextDeclaration(Sourced<string?> name, Sourced<string?> content)
    {
        Name = name;
        Content = content;
    }

    public Sourced<string?> Name { get; }

    public Sourced<string?> Content { get; }
}

internal sealed class KeyValueDeclaration
{
    public KeyValueDeclaration(Sourced<string?> key, Sourced<string?> value)
    {
        Key = key;
        Value = value;
    }

    public Sourced<string?> Key { get; }

    public Sourced<string?> Value { get; }
}

internal sealed class BaseImageDeclaration
{
    public BaseImageDeclaration(Sourced<string?> image, Sourced<string?>? apkIndex)
    {
        Image = image;
        ApkIndex = apkIndex;
    }

    public Sourced<string?> Image { get; }

    public Sourced<string?>? ApkIndex { get; }

    /// <summary>`Reference = "host/repo:tag"`: a registry base image instead of a layout folder.</summary>
    public Sourced<string?>? Reference { get; init; }
}

/// <summary>One architecture as written: an enum value or a name.</summary>
internal sealed class ArchDeclaration
{
    public ArchDeclaration(Sourced<string?> written, string? canonical, bool isName)
    {
        Written = written;
        Canonical = canonical;
        IsName = isName;
    }

    /// <summary>The name as written, or the enum member's numeric value as text.</summary>
    public Sourced<string?> Written { get; }

    /// <summary>The canonical name, or null when unknown.</summary>
    public string? Canonical { get; }

    /// <summary>True when given by name (string overload) rather than by <c>Arch</c> member.</summary>
    public bool IsName { get; }
}

internal sealed class EntrypointDeclaration
{
    public Sourced<string?>? Command { get; set; }
    public Sourced<string?>? Type { get; set; }
    public Sourced<string?>? ShellFragment { get; set; }
    public List<KeyValueDeclaration> Services { get; } = new List<KeyValueDeclaration>();

    /// <summary>apko's type: the declared one, else <c>service-bundle</c> when services exist.</summary>
    public string? EffectiveType => Type?.Value ?? (Services.Count > 0 ? "service-bundle" : null);
}

internal sealed class UserDeclaration
{
    public UserDeclaration(Sourced<string?> name) => Name = name;

    public Sourced<string?> Name { get; }
    public Sourced<long>? Uid { get; set; }
    public Sourced<long>? Gid { get; set; }
    public Sourced<string?>? Shell { get; set; }
    public Sourced<string?>? Home { get; set; }
}

internal sealed class GroupDeclaration
{
    public GroupDeclaration(Sourced<string?> name) => Name = name;

    public Sourced<string?> Name { get; }
    public Sourced<long>? Gid { get; set; }
    public List<Sourced<string?>> Members { get; } = new List<Sourced<string?>>();
}

/// <summary>The kinds of <c>paths</c> entry, named as in the model's <c>PathMutationType</c>.</summary>
internal enum PathKind
{
    Directory,
    EmptyFile,
    Hardlink,
    Symlink,
    Permissions,
}

internal sealed class PathDeclaration
{
    public PathDeclaration(PathKind kind, Sourced<string?> path)
    {
        Kind = kind;
        Path = path;
    }

    public PathKind Kind { get; }
    public Sourced<string?> Path { get; }
    public Sourced<string?>? Mode { get; set; }
    public Sourced<long>? Uid { get; set; }
    public Sourced<long>? Gid { get; set; }
    public bool Recursive { get; set; }
    public Sourced<string?>? Source { get; set; }

    /// <summary>The whole attribute, for diagnostics about the entry rather than one argument.</summary>
    public Origin Entry { get; set; }
}

internal sealed class LayeringDeclaration
{
    public LayeringDeclaration(Origin entry) => Entry = entry;

    public Origin Entry { get; }
    public Sourced<string?>? Strategy { get; set; }
    public Sourced<int>? Budget { get; set; }
}

internal sealed class LayerCompressionDeclaration
{
    public LayerCompressionDeclaration(Sourced<string?> algorithm, Sourced<int>? level, Origin entry)
    {
        Algorithm = algorithm;
        Level = level;
        Entry = entry;
    }

    /// <summary>The algorithm's <c>--compression</c> name (<c>gzip</c>, <c>zstd</c>), or null for a value outside the enum.</summary>
    public Sourced<string?> Algorithm { get; }

    /// <summary>The level as written; null leaves the algorithm's default.</summary>
    public Sourced<int>? Level { get; }

    /// <summary>The whole attribute.</summary>
    public Origin Entry { get; }
}

internal sealed class CertificatesDeclaration
{
    public List<NamedTextDeclaration> Additional { get; } = new List<NamedTextDeclaration>();
    public List<Sourced<string?>> Providers { get; } = new List<Sourced<string?>>();
}
