using System.Collections.Immutable;
using ImageDsl.Diagnostics;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Diagnostics;

/// <summary>
/// The analyzers' descriptors. IDs, category and severity are literal constants so release tracking
/// (RS2000-RS2008, AnalyzerReleases.*.md) can check them; titles, messages, hints and help links come
/// from the shared <see cref="DiagnosticCatalog"/>, so YAML and C# say the same thing. A test checks
/// that every descriptor agrees with its catalogue entry.
/// </summary>
internal static class Descriptors
{
    public const string Category = "ImageDsl";

    public static readonly DiagnosticDescriptor UnknownArchitecture = new DiagnosticDescriptor(
        "IMG0003", DiagnosticCatalog.UnknownArchitecture.Title, DiagnosticCatalog.UnknownArchitecture.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.UnknownArchitecture.Hint, DiagnosticCatalog.UnknownArchitecture.HelpLink);

    public static readonly DiagnosticDescriptor MalformedPackage = new DiagnosticDescriptor(
        "IMG0004", DiagnosticCatalog.MalformedPackage.Title, DiagnosticCatalog.MalformedPackage.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.MalformedPackage.Hint, DiagnosticCatalog.MalformedPackage.HelpLink);

    public static readonly DiagnosticDescriptor DuplicatePackage = new DiagnosticDescriptor(
        "IMG0005", DiagnosticCatalog.DuplicatePackage.Title, DiagnosticCatalog.DuplicatePackage.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.DuplicatePackage.Hint, DiagnosticCatalog.DuplicatePackage.HelpLink);

    public static readonly DiagnosticDescriptor UidZero = new DiagnosticDescriptor(
        "IMG0006", DiagnosticCatalog.UidZero.Title, DiagnosticCatalog.UidZero.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.UidZero.Hint, DiagnosticCatalog.UidZero.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateUser = new DiagnosticDescriptor(
        "IMG0007", DiagnosticCatalog.DuplicateUser.Title, DiagnosticCatalog.DuplicateUser.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.DuplicateUser.Hint, DiagnosticCatalog.DuplicateUser.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateGroup = new DiagnosticDescriptor(
        "IMG0008", DiagnosticCatalog.DuplicateGroup.Title, DiagnosticCatalog.DuplicateGroup.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.DuplicateGroup.Hint, DiagnosticCatalog.DuplicateGroup.HelpLink);

    public static readonly DiagnosticDescriptor UnknownRunAs = new DiagnosticDescriptor(
        "IMG0009", DiagnosticCatalog.UnknownRunAs.Title, DiagnosticCatalog.UnknownRunAs.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.UnknownRunAs.Hint, DiagnosticCatalog.UnknownRunAs.HelpLink);

    public static readonly DiagnosticDescriptor UnknownGroupMember = new DiagnosticDescriptor(
        "IMG0010", DiagnosticCatalog.UnknownGroupMember.Title, DiagnosticCatalog.UnknownGroupMember.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.UnknownGroupMember.Hint, DiagnosticCatalog.UnknownGroupMember.HelpLink);

    public static readonly DiagnosticDescriptor CommandWithServices = new DiagnosticDescriptor(
        "IMG0012", DiagnosticCatalog.CommandWithServices.Title, DiagnosticCatalog.CommandWithServices.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.CommandWithServices.Hint, DiagnosticCatalog.CommandWithServices.HelpLink);

    public static readonly DiagnosticDescriptor WorkDirNotAbsolute = new DiagnosticDescriptor(
        "IMG0013", DiagnosticCatalog.WorkDirNotAbsolute.Title, DiagnosticCatalog.WorkDirNotAbsolute.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.WorkDirNotAbsolute.Hint, DiagnosticCatalog.WorkDirNotAbsolute.HelpLink);

    public static readonly DiagnosticDescriptor UnknownStopSignal = new DiagnosticDescriptor(
        "IMG0014", DiagnosticCatalog.UnknownStopSignal.Title, DiagnosticCatalog.UnknownStopSignal.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.UnknownStopSignal.Hint, DiagnosticCatalog.UnknownStopSignal.HelpLink);

    public static readonly DiagnosticDescriptor LinkWithoutSource = new DiagnosticDescriptor(
        "IMG0015", DiagnosticCatalog.LinkWithoutSource.Title, DiagnosticCatalog.LinkWithoutSource.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.LinkWithoutSource.Hint, DiagnosticCatalog.LinkWithoutSource.HelpLink);

    public static readonly DiagnosticDescriptor BadPermissions = new DiagnosticDescriptor(
        "IMG0016", DiagnosticCatalog.BadPermissions.Title, DiagnosticCatalog.BadPermissions.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadPermissions.Hint, DiagnosticCatalog.BadPermissions.HelpLink);

    public static readonly DiagnosticDescriptor UnknownPinTag = new DiagnosticDescriptor(
        "IMG0017", DiagnosticCatalog.UnknownPinTag.Title, DiagnosticCatalog.UnknownPinTag.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.UnknownPinTag.Hint, DiagnosticCatalog.UnknownPinTag.HelpLink);

    public static readonly DiagnosticDescriptor BadEnvironmentName = new DiagnosticDescriptor(
        "IMG0018", DiagnosticCatalog.BadEnvironmentName.Title, DiagnosticCatalog.BadEnvironmentName.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadEnvironmentName.Hint, DiagnosticCatalog.BadEnvironmentName.HelpLink);

    public static readonly DiagnosticDescriptor BadAnnotationKey = new DiagnosticDescriptor(
        "IMG0019", DiagnosticCatalog.BadAnnotationKey.Title, DiagnosticCatalog.BadAnnotationKey.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.BadAnnotationKey.Hint, DiagnosticCatalog.BadAnnotationKey.HelpLink);

    public static readonly DiagnosticDescriptor ClassNotPartial = new DiagnosticDescriptor(
        "IMG0020", DiagnosticCatalog.ClassNotPartial.Title, DiagnosticCatalog.ClassNotPartial.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.ClassNotPartial.Hint, DiagnosticCatalog.ClassNotPartial.HelpLink);

    public static readonly DiagnosticDescriptor BadFileName = new DiagnosticDescriptor(
        "IMG0023", DiagnosticCatalog.BadFileName.Title, DiagnosticCatalog.BadFileName.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadFileName.Hint, DiagnosticCatalog.BadFileName.HelpLink);

    public static readonly DiagnosticDescriptor BadRuntimeKey = new DiagnosticDescriptor(
        "IMG0024", DiagnosticCatalog.BadRuntimeKey.Title, DiagnosticCatalog.BadRuntimeKey.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadRuntimeKey.Hint, DiagnosticCatalog.BadRuntimeKey.HelpLink);

    public static readonly DiagnosticDescriptor BadLayering = new DiagnosticDescriptor(
        "IMG0025", DiagnosticCatalog.BadLayering.Title, DiagnosticCatalog.BadLayering.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadLayering.Hint, DiagnosticCatalog.BadLayering.HelpLink);

    public static readonly DiagnosticDescriptor UnsupportedFormat = new DiagnosticDescriptor(
        "IMG0026", DiagnosticCatalog.UnsupportedFormat.Title, DiagnosticCatalog.UnsupportedFormat.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.UnsupportedFormat.Hint, DiagnosticCatalog.UnsupportedFormat.HelpLink);

    public static readonly DiagnosticDescriptor MissingField = new DiagnosticDescriptor(
        "IMG0027", DiagnosticCatalog.MissingField.Title, DiagnosticCatalog.MissingField.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.MissingField.Hint, DiagnosticCatalog.MissingField.HelpLink);

    public static readonly DiagnosticDescriptor BadRepository = new DiagnosticDescriptor(
        "IMG0028", DiagnosticCatalog.BadRepository.Title, DiagnosticCatalog.BadRepository.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadRepository.Hint, DiagnosticCatalog.BadRepository.HelpLink);

    public static readonly DiagnosticDescriptor BaseImageFields = new DiagnosticDescriptor(
        "IMG0029", DiagnosticCatalog.BaseImageFields.Title, DiagnosticCatalog.BaseImageFields.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BaseImageFields.Hint, DiagnosticCatalog.BaseImageFields.HelpLink);

    public static readonly DiagnosticDescriptor PackageNotLocked = new DiagnosticDescriptor(
        "IMG0030", DiagnosticCatalog.PackageNotLocked.Title, DiagnosticCatalog.PackageNotLocked.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.PackageNotLocked.Hint, DiagnosticCatalog.PackageNotLocked.HelpLink);

    public static readonly DiagnosticDescriptor LockedVersionMismatch = new DiagnosticDescriptor(
        "IMG0031", DiagnosticCatalog.LockedVersionMismatch.Title, DiagnosticCatalog.LockedVersionMismatch.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.LockedVersionMismatch.Hint, DiagnosticCatalog.LockedVersionMismatch.HelpLink);

    public static readonly DiagnosticDescriptor BadCertificate = new DiagnosticDescriptor(
        "IMG0033", DiagnosticCatalog.BadCertificate.Title, DiagnosticCatalog.BadCertificate.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadCertificate.Hint, DiagnosticCatalog.BadCertificate.HelpLink);

    public static readonly DiagnosticDescriptor InvalidValue = new DiagnosticDescriptor(
        "IMG0034", DiagnosticCatalog.InvalidValue.Title, DiagnosticCatalog.InvalidValue.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.InvalidValue.Hint, DiagnosticCatalog.InvalidValue.HelpLink);

    public static readonly DiagnosticDescriptor ArchitectureAlias = new DiagnosticDescriptor(
        "IMG0035", DiagnosticCatalog.ArchitectureAlias.Title, DiagnosticCatalog.ArchitectureAlias.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.ArchitectureAlias.Hint, DiagnosticCatalog.ArchitectureAlias.HelpLink);

    public static readonly DiagnosticDescriptor PermissionsWithoutLeadingZero = new DiagnosticDescriptor(
        "IMG0036", DiagnosticCatalog.PermissionsWithoutLeadingZero.Title, DiagnosticCatalog.PermissionsWithoutLeadingZero.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.PermissionsWithoutLeadingZero.Hint, DiagnosticCatalog.PermissionsWithoutLeadingZero.HelpLink);

    /// <summary>Reported when the whole compilation has been seen (duplicates across classes).</summary>
    public static readonly DiagnosticDescriptor DuplicateImageName = new DiagnosticDescriptor(
        "IMG0037", DiagnosticCatalog.DuplicateImageName.Title, DiagnosticCatalog.DuplicateImageName.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.DuplicateImageName.Hint, DiagnosticCatalog.DuplicateImageName.HelpLink,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor IncludeCycle = new DiagnosticDescriptor(
        "IMG0021", DiagnosticCatalog.IncludeCycle.Title, DiagnosticCatalog.IncludeCycle.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.IncludeCycle.Hint, DiagnosticCatalog.IncludeCycle.HelpLink);

    public static readonly DiagnosticDescriptor IncludeConflict = new DiagnosticDescriptor(
        "IMG0038", DiagnosticCatalog.IncludeConflict.Title, DiagnosticCatalog.IncludeConflict.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.IncludeConflict.Hint, DiagnosticCatalog.IncludeConflict.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateArchitecture = new DiagnosticDescriptor(
        "IMG0039", DiagnosticCatalog.DuplicateArchitecture.Title, DiagnosticCatalog.DuplicateArchitecture.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.DuplicateArchitecture.Hint, DiagnosticCatalog.DuplicateArchitecture.HelpLink);

    public static readonly DiagnosticDescriptor ServiceBundleWithoutServices = new DiagnosticDescriptor(
        "IMG0040", DiagnosticCatalog.ServiceBundleWithoutServices.Title, DiagnosticCatalog.ServiceBundleWithoutServices.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.ServiceBundleWithoutServices.Hint, DiagnosticCatalog.ServiceBundleWithoutServices.HelpLink);

    public static readonly DiagnosticDescriptor ServicesWithoutSupervisor = new DiagnosticDescriptor(
        "IMG0041", DiagnosticCatalog.ServicesWithoutSupervisor.Title, DiagnosticCatalog.ServicesWithoutSupervisor.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.ServicesWithoutSupervisor.Hint, DiagnosticCatalog.ServicesWithoutSupervisor.HelpLink);

    public static readonly DiagnosticDescriptor LockOutOfDate = new DiagnosticDescriptor(
        "IMG0044", DiagnosticCatalog.LockOutOfDate.Title, DiagnosticCatalog.LockOutOfDate.MessageFormat, Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, DiagnosticCatalog.LockOutOfDate.Hint, DiagnosticCatalog.LockOutOfDate.HelpLink);

    public static readonly DiagnosticDescriptor BadLayerCompression = new DiagnosticDescriptor(
        "IMG0045", DiagnosticCatalog.BadLayerCompression.Title, DiagnosticCatalog.BadLayerCompression.MessageFormat, Category,
        DiagnosticSeverity.Error, isEnabledByDefault: true, DiagnosticCatalog.BadLayerCompression.Hint, DiagnosticCatalog.BadLayerCompression.HelpLink);

    /// <summary>Every descriptor, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        UnknownArchitecture,
        MalformedPackage,
        DuplicatePackage,
        UidZero,
        DuplicateUser,
        DuplicateGroup,
        UnknownRunAs,
        UnknownGroupMember,
        CommandWithServices,
        WorkDirNotAbsolute,
        UnknownStopSignal,
        LinkWithoutSource,
        BadPermissions,
        UnknownPinTag,
        BadEnvironmentName,
        BadAnnotationKey,
        ClassNotPartial,
        IncludeCycle,
        BadFileName,
        BadRuntimeKey,
        BadLayering,
        UnsupportedFormat,
        MissingField,
        BadRepository,
        BaseImageFields,
        BadCertificate,
        InvalidValue,
        ArchitectureAlias,
        PermissionsWithoutLeadingZero,
        DuplicateImageName,
        IncludeConflict,
        DuplicateArchitecture,
        ServiceBundleWithoutServices,
        ServicesWithoutSupervisor,
        LockOutOfDate,
        BadLayerCompression);
}
