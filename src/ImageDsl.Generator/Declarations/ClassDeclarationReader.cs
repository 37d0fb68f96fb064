using System.Threading;
using ImageDsl.Rules;
using Microsoft.CodeAnalysis;
using static ImageDsl.Generator.Declarations.AttributeValues;

namespace ImageDsl.Generator.Declarations;

/// <summary>Reads the ImageDsl attributes written on one class (not its bases) into a <see cref="Declaration"/>.</summary>
internal static class ClassDeclarationReader
{
    /// <summary>True when <paramref name="attribute"/> is one of ImageDsl's attributes.</summary>
    public static bool IsImageDslAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { } type
        && type.ContainingNamespace is { Name: AttributeNames.Namespace } ns
        && ns.ContainingNamespace is { IsGlobalNamespace: true };

    public static bool HasImageDslAttributes(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsImageDslAttribute(attribute))
            {
                return true;
            }
        }
        return false;
    }

    public static bool HasImageAttribute(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (IsImageDslAttribute(attribute) && attribute.AttributeClass!.Name == AttributeNames.ImageType)
            {
                return true;
            }
        }
        return false;
    }

    /// <param name="type">The class.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="catalogReferences">
    /// The compilation, to read a <c>[Package]</c> that does not bind from its syntax, keeping catalogue constants as
    /// references (the generator, which cannot see generated constants). Analyzers leave it false: for
    /// them such an attribute is really broken and the compiler reports it.
    /// </param>
    public static Declaration Read(INamedTypeSymbol type, CancellationToken cancellationToken, Compilation? catalogReferences = null)
    {
        var declaration = new Declaration();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsImageDslAttribute(attribute))
            {
                continue;
            }
            // An attribute that does not bind (a typo, a missing argument) is the compiler's to report,
            // except [Package(Catalog.Member)]: catalogue constants are generated, so do not bind in the generator.
            if (Catalogs.CatalogReferences.HasErrors(attribute))
            {
                if (catalogReferences is not null && attribute.AttributeClass!.Name == AttributeNames.Package)
                {
                    declaration.Packages.AddRange(Catalogs.CatalogReferences.PackagesFromSyntax(attribute, catalogReferences, cancellationToken));
                }
                continue;
            }
            Add(declaration, attribute);
        }
        return declaration;
    }

    private static void Add(Declaration d, AttributeData a)
    {
        switch (a.AttributeClass!.Name)
        {
            case AttributeNames.ImageType:
                d.ImageName = String(a, 0);
                d.ImageAttribute = a;
                break;
            case AttributeNames.Repository:
                d.Repositories.Add(new RepositoryDeclaration(String(a, 0), NamedString(a, "Tag")));
                break;
            case AttributeNames.BuildRepository:
                d.BuildRepositories.Add(new RepositoryDeclaration(String(a, 0), NamedString(a, "Tag")));
                break;
            case AttributeNames.RuntimeRepository:
                d.RuntimeRepositories.Add(new RepositoryDeclaration(String(a, 0), NamedString(a, "Tag")));
                break;
            case AttributeNames.Keyring:
                d.Keyring.Add(String(a, 0));
                break;
            case AttributeNames.RuntimeKey:
                d.RuntimeKeys.Add(new NamedTextDeclaration(String(a, 0), String(a, 1)));
                break;
            case AttributeNames.Package:
                d.Packages.AddRange(Catalogs.CatalogReferences.PackagesFromConstants(a));
                break;
            case AttributeNames.Arch:
                d.Archs = ReadArchs(a);
                break;
            case AttributeNames.Entrypoint:
                Entrypoint(d).Command = a.ConstructorArguments.Length > 0 ? String(a, 0) : (Sourced<string?>?)null;
                Entrypoint(d).Type = NamedString(a, "Type");
                break;
            case AttributeNames.ShellFragment:
                Entrypoint(d).ShellFragment = String(a, 0);
                break;
            case AttributeNames.Service:
                Entrypoint(d).Services.Add(new KeyValueDeclaration(String(a, 0), String(a, 1)));
                break;
            case AttributeNames.Cmd:
                d.Cmd = String(a, 0);
                break;
            case AttributeNames.User:
                d.Users.Add(new UserDeclaration(String(a, 0))
                {
                    Uid = NamedId(a, "Uid"),
                    Gid = NamedId(a, "Gid"),
                    Shell = NamedString(a, "Shell"),
                    Home = NamedString(a, "Home"),
                });
                break;
            case AttributeNames.Group:
                var group = new GroupDeclaration(String(a, 0)) { Gid = NamedId(a, "Gid") };
                group.Members.AddRange(NamedStringElements(a, "Members"));
                d.Groups.Add(group);
                break;
            case AttributeNames.RunAs:
                d.RunAs = String(a, 0);
                break;
            case AttributeNames.Env:
                d.Environment.Add(new KeyValueDeclaration(String(a, 0), String(a, 1)));
                break;
            case AttributeNames.Annotation:
                d.Annotations.Add(new KeyValueDeclaration(String(a, 0), String(a, 1)));
                break;
            case AttributeNames.WorkDir:
                d.WorkDir = String(a, 0);
                break;
            case AttributeNames.StopSignal:
                d.StopSignal = String(a, 0);
                break;
            case AttributeNames.Volume:
                d.Volumes.Add(String(a, 0));
                break;
            case AttributeNames.Directory:
                d.Paths.Add(ReadPath(a, PathKind.Directory));
                break;
            case AttributeNames.EmptyFile:
                d.Paths.Add(ReadPath(a, PathKind.EmptyFile));
                break;
            case AttributeNames.Symlink:
                d.Paths.Add(ReadPath(a, PathKind.Symlink));
                break;
            case AttributeNames.Hardlink:
                d.Paths.Add(ReadPath(a, PathKind.Hardlink));
                break;
            case AttributeNames.Permissions:
                d.Paths.Add(ReadPath(a, PathKind.Permissions));
                break;
            case AttributeNames.Layering:
                d.Layering = new LayeringDeclaration(Origin.Whole(a))
                {
                    Strategy = NamedString(a, "Strategy"),
                    Budget = NamedInt(a, "Budget"),
                };
                break;
            case AttributeNames.LayerCompression:
                d.LayerCompression = new LayerCompressionDeclaration(
                    new Sourced<string?>(CompressionName(Constructor(a, 0).Value), Origin.Argument(a, 0)), NamedInt(a, "Level"), Origin.Whole(a));
                break;
            case AttributeNames.Format:
                d.Format = String(a, 0);
                break;
            case AttributeNames.VcsUrl:
                d.VcsUrl = String(a, 0);
                break;
            case AttributeNames.Include:
                if (Constructor(a, 0).Kind == TypedConstantKind.Type)
                {
                    d.Fragments.Add(new Sourced<INamedTypeSymbol?>(Constructor(a, 0).Value as INamedTypeSymbol, Origin.Argument(a, 0)));
                }
                else
                {
                    d.FileIncludes.Add(String(a, 0));
                    d.Include ??= String(a, 0);
                }
                break;
            case AttributeNames.BaseImage:
                d.BaseImage = new BaseImageDeclaration(String(a, 0), NamedString(a, "ApkIndex")) { Reference = NamedString(a, "Reference") };
                break;
            case AttributeNames.Certificate:
                Certificates(d).Additional.Add(new NamedTextDeclaration(String(a, 0), String(a, 1)));
                break;
            case AttributeNames.CertificateProvider:
                Certificates(d).Providers.Add(String(a, 0));
                break;
            case AttributeNames.Content:
                d.Local.Add(new LocalContentDeclaration(String(a, 0))
                {
                    Name = NamedString(a, "Name"),
                    To = NamedString(a, "To"),
                    Version = NamedString(a, "Version"),
                    Arch = NamedString(a, "Arch"),
                    Owner = NamedString(a, "Owner"),
                });
                break;
        }
    }

    /// <summary>The <c>--compression</c> name of a <c>Compression</c> member, stored by value (0 gzip, 1 zstd); null for any other value.</summary>
    private static string? CompressionName(object? value) => value switch
    {
        0 => CompressionLevels.Gzip,
        1 => CompressionLevels.Zstd,
        _ => null,
    };

    private static EntrypointDeclaration Entrypoint(Declaration d) => d.Entrypoint ??= new EntrypointDeclaration();

    private static CertificatesDeclaration Certificates(Declaration d) => d.Certificates ??= new CertificatesDeclaration();

    private static System.Collections.Generic.List<ArchDeclaration> ReadArchs(AttributeData a)
    {
        var result = new System.Collections.Generic.List<ArchDeclaration>();
        bool byName = a.AttributeConstructor!.Parameters.Length > 0
            && a.AttributeConstructor.Parameters[0].Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };
        foreach (Sourced<string?> written in StringElements(a, 0))
        {
            string? canonical;
            if (byName)
            {
                canonical = ArchitectureNames.TryCanonicalize(written.Value, out string c) ? c : null;
            }
            else
            {
                // Enum members are stored by value; their order matches ArchitectureNames.Canonical.
                canonical = int.TryParse(written.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int index) && index >= 0 && index < ArchitectureNames.Canonical.Length
                    ? ArchitectureNames.Canonical[index]
                    : null;
            }
            result.Add(new ArchDeclaration(written, canonical, byName));
        }
        return result;
    }

    private static PathDeclaration ReadPath(AttributeData a, PathKind kind)
    {
        Sourced<string?>? source = NamedString(a, "Source");
        if (source is null && (kind == PathKind.Symlink || kind == PathKind.Hardlink) && a.ConstructorArguments.Length > 1)
        {
            source = String(a, 1);
        }
        return new PathDeclaration(kind, String(a, 0))
        {
            Mode = NamedString(a, "Mode"),
            Uid = NamedId(a, "Uid"),
            Gid = NamedId(a, "Gid"),
            Recursive = NamedBool(a, "Recursive"),
            Source = source,
            Entry = Origin.Whole(a),
        };
    }
}
