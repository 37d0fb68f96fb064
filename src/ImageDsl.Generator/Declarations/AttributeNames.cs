namespace ImageDsl.Generator.Declarations;

/// <summary>The ImageDsl attribute types, by metadata name and by short name.</summary>
internal static class AttributeNames
{
    public const string Namespace = "ImageDsl";
    public const string Image = "ImageDsl.ImageAttribute";

    // Short type names (the switch in ClassDeclarationReader keys on these).
    public const string ImageType = "ImageAttribute";
    public const string Repository = "RepositoryAttribute";
    public const string BuildRepository = "BuildRepositoryAttribute";
    public const string RuntimeRepository = "RuntimeRepositoryAttribute";
    public const string Keyring = "KeyringAttribute";
    public const string RuntimeKey = "RuntimeKeyAttribute";
    public const string Package = "PackageAttribute";
    public const string Arch = "ArchAttribute";
    public const string Entrypoint = "EntrypointAttribute";
    public const string ShellFragment = "ShellFragmentAttribute";
    public const string Cmd = "CmdAttribute";
    public const string Service = "ServiceAttribute";
    public const string User = "UserAttribute";
    public const string Group = "GroupAttribute";
    public const string RunAs = "RunAsAttribute";
    public const string Env = "EnvAttribute";
    public const string WorkDir = "WorkDirAttribute";
    public const string StopSignal = "StopSignalAttribute";
    public const string Volume = "VolumeAttribute";
    public const string Annotation = "AnnotationAttribute";
    public const string Directory = "DirectoryAttribute";
    public const string EmptyFile = "EmptyFileAttribute";
    public const string Symlink = "SymlinkAttribute";
    public const string Hardlink = "HardlinkAttribute";
    public const string Permissions = "PermissionsAttribute";
    public const string Layering = "LayeringAttribute";
    public const string Format = "FormatAttribute";
    public const string LayerCompression = "LayerCompressionAttribute";
    public const string VcsUrl = "VcsUrlAttribute";
    public const string BaseImage = "BaseImageAttribute";
    public const string Include = "IncludeAttribute";
    public const string Certificate = "CertificateAttribute";
    public const string CertificateProvider = "CertificateProviderAttribute";
    public const string Content = "ContentAttribute";
}
