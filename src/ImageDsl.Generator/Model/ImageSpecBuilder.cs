using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ImageDsl.Generator.Declarations;
using ImageDsl.Generator.Helpers;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImageDsl.Generator.Model;

/// <summary>
/// Turns an <c>[Image]</c> class into an <see cref="ImageSpec"/>. Invalid values are left out rather
/// than reported: the analyzers report them, and the generated code must still compile.
/// </summary>
internal static class ImageSpecBuilder
{
    public static ImageSpec? TryBuild(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !CanGenerateFor(type, cancellationToken))
        {
            return null;
        }
        Declaration merged = ImageChain.ReadMerged(type, cancellationToken, catalogReferences: context.SemanticModel.Compilation);
        cancellationToken.ThrowIfCancellationRequested();
        return new ImageSpec(DescribeType(type), merged.ImageName?.Value ?? "", Describe(merged)) { LayerCompression = Compression(merged.LayerCompression) };
    }

    /// <summary>The valid declared compression as <c>--compression</c> text; an invalid one is IMG0045's to report.</summary>
    private static string? Compression(LayerCompressionDeclaration? declared) =>
        declared is { Algorithm.Value: { } name } && (declared.Level is not { } level || CompressionLevels.IsValid(name, level.Value))
            ? CompressionLevels.Text(name, declared.Level?.Value)
            : null;

    /// <summary>
    /// A generic class cannot be registered, and a class (or enclosing type) that is not partial
    /// cannot receive members; IMG0020/IMG0034 say so, and emitting would only add compiler errors.
    /// </summary>
    public static bool CanGenerateFor(INamedTypeSymbol type, CancellationToken cancellationToken = default)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return false;
        }
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType || !IsPartial(t, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken = default) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static TypeSpec DescribeType(INamedTypeSymbol type)
    {
        var containers = new List<ContainerSpec>();
        bool reachable = IsReachable(type);
        var metadataName = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containers.Insert(0, new ContainerSpec(Keyword(outer), outer.Name));
            reachable &= IsReachable(outer);
            metadataName = outer.MetadataName + "+" + metadataName;
        }
        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        if (ns is not null)
        {
            metadataName = ns + "." + metadataName;
        }
        return new TypeSpec(
            ns,
            containers.ToEquatableArray(),
            Keyword(type),
            type.Name,
            reachable ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null,
            metadataName,
            ImageChain.HasImageBase(type));
    }

    private static bool IsReachable(INamedTypeSymbol type) =>
        type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string Keyword(INamedTypeSymbol type) => (type.TypeKind, type.IsRecord) switch
    {
        (TypeKind.Struct, true) => "record struct",
        (TypeKind.Struct, false) => "struct",
        (TypeKind.Interface, _) => "interface",
        (_, true) => "record",
        _ => "class",
    };

    private static ConfigurationSpec Describe(Declaration d) => new ConfigurationSpec
    {
        Repositories = Repositories(d.Repositories),
        BuildRepositories = Repositories(d.BuildRepositories),
        RuntimeRepositories = Repositories(d.RuntimeRepositories),
        Keyring = Texts(d.Keyring),
        RuntimeKeys = NamedTexts(d.RuntimeKeys),
        Packages = Texts(d.Packages),
        BaseImage = d.BaseImage is { } b ? new BaseImageSpec(b.Image.Value, b.ApkIndex?.Value, b.Reference?.Value) : null,
        Entrypoint = d.Entrypoint is { } e
            ? new EntrypointSpec(e.EffectiveType, e.Command?.Value, e.ShellFragment?.Value, Pairs(e.Services))
            : null,
        Cmd = d.Cmd?.Value,
        StopSignal = d.StopSignal?.Value,
        WorkDir = d.WorkDir?.Value,
        Accounts = d.HasAccounts
            ? new AccountsSpec(
                d.RunAs?.Value,
                d.Users.Select(u => new UserSpec(u.Name.Value ?? "", Id(u.Uid), Id(u.Gid), u.Shell?.Value, u.Home?.Value)).ToEquatableArray(),
                d.Groups.Select(g => new GroupSpec(g.Name.Value ?? "", Id(g.Gid), Texts(g.Members))).ToEquatableArray())
            : null,
        Archs = (d.Archs ?? new List<ArchDeclaration>())
            .Where(a => a.Canonical is not null)
            .Select(a => ArchitectureMember(a.Canonical!))
            .ToEquatableArray(),
        Environment = Pairs(d.Environment),
        Paths = d.Paths.Select(Path).ToEquatableArray(),
        VcsUrl = d.VcsUrl?.Value,
        Annotations = Pairs(d.Annotations),
        Include = d.Include?.Value,
        Volumes = Texts(d.Volumes),
        Layering = d.Layering is { } l ? new LayeringSpec(l.Strategy?.Value ?? "origin", l.Budget?.Value ?? 0) : null,
        Format = d.Format?.Value,
        Certificates = d.Certificates is { } c ? new CertificatesSpec(NamedTexts(c.Additional), Texts(c.Providers)) : null,
        Local = d.Local.Select(l => new LocalContentSpec(l.Path.Value ?? "", l.Name?.Value, l.To?.Value, l.Version?.Value, l.Arch?.Value, l.Owner?.Value))
            .ToEquatableArray(),
    };

    private static PathSpec Path(PathDeclaration p) => new PathSpec(
        p.Path.Value ?? "",
        p.Kind.ToString(),
        Id(p.Uid),
        Id(p.Gid),
        p.Mode is { } mode && ImageRules.TryParseOctal(mode.Value, out uint bits) ? bits : null,
        p.Source?.Value,
        p.Recursive);

    private static EquatableArray<string> Repositories(List<RepositoryDeclaration> repositories) =>
        repositories.Where(r => r.Url.Value is not null).Select(r => r.Text!).ToEquatableArray();

    private static EquatableArray<string> Texts(List<Sourced<string?>> values) =>
        values.Where(v => v.Value is not null).Select(v => v.Value!).ToEquatableArray();

    private static EquatableArray<NamedTextSpec> NamedTexts(List<NamedTextDeclaration> values) =>
        values.Select(v => new NamedTextSpec(v.Name.Value ?? "", v.Content.Value ?? "")).ToEquatableArray();

    private static EquatableArray<KeyValueSpec> Pairs(List<KeyValueDeclaration> pairs) =>
        pairs.Where(p => p.Key.Value is not null).Select(p => new KeyValueSpec(p.Key.Value!, p.Value.Value ?? "")).ToEquatableArray();

    private static uint? Id(Sourced<long>? id) =>
        id is { } v && v.Value >= 0 && v.Value <= uint.MaxValue ? (uint)v.Value : null;

    /// <summary>The ImageDsl.Model.Architecture property for a canonical name.</summary>
    public static string ArchitectureMember(string canonical) => canonical switch
    {
        "386" => "I386",
        "amd64" => "Amd64",
        "arm/v6" => "ArmV6",
        "arm/v7" => "ArmV7",
        "arm64" => "Arm64",
        "loong64" => "Loong64",
        "ppc64le" => "Ppc64le",
        "riscv64" => "Riscv64",
        _ => "S390x",
    };
}
