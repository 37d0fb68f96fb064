// Shared source: compiled into ImageDsl.Abstractions and linked into ImageDsl.Generator, so the YAML
// validator and the C# analyzers report the same IDs. IDs are stable: never renumber, only append.
using System.Collections.Generic;

namespace ImageDsl.Diagnostics;

/// <summary>One entry of the diagnostics catalogue.</summary>
internal sealed class DiagnosticInfo
{
    /// <summary>Creates a catalogue entry.</summary>
    public DiagnosticInfo(string id, string title, string messageFormat, bool isError, string hint)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        IsError = isError;
        Hint = hint;
    }

    /// <summary>The stable ID, `IMGnnnn`.</summary>
    public string Id { get; }

    /// <summary>A short title.</summary>
    public string Title { get; }

    /// <summary>A composite format string (`{0}`...) for the message.</summary>
    public string MessageFormat { get; }

    /// <summary>Error (true) or warning (false).</summary>
    public bool IsError { get; }

    /// <summary>What the user should do about it.</summary>
    public string Hint { get; }

    /// <summary>The documentation anchor for this diagnostic.</summary>
    public string HelpLink => DiagnosticCatalog.HelpBase + Id.ToLowerInvariant();

    /// <summary>The category reported to the compiler.</summary>
    public string Category => "ImageDsl";
}

/// <summary>Every diagnostic that ImageDsl reports, from YAML or from C#.</summary>
internal static class DiagnosticCatalog
{
    /// <summary>Where docs/diagnostics.md is published; the anchor is the lower-case ID.</summary>
    public const string HelpBase = "https://github.com/imagedsl/imagedsl/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticInfo UnknownField = new DiagnosticInfo("IMG0001", "Unknown field",
        "unknown field '{0}' in {1}", true, "Check the spelling; the fields apko accepts are listed in docs/dsl.md and in `dotnet image schema`.");
    public static readonly DiagnosticInfo InvalidDocument = new DiagnosticInfo("IMG0002", "Invalid configuration document",
        "{0}", true, "The file must be a YAML mapping with apko's fields; see ../examples or `dotnet image schema`.");
    public static readonly DiagnosticInfo UnknownArchitecture = new DiagnosticInfo("IMG0003", "Unknown architecture",
        "unknown architecture '{0}'{1}", true, "Use one of 386, amd64, arm/v6, arm/v7, arm64, loong64, ppc64le, riscv64, s390x (or the apk names x86, x86_64, aarch64, armhf, armv7, loongarch64).");
    public static readonly DiagnosticInfo MalformedPackage = new DiagnosticInfo("IMG0004", "Malformed package constraint",
        "{0}", true, "Write a package as name, name=1.2.3-r0, name>=1.2, name~1.2 or name@tag.");
    public static readonly DiagnosticInfo DuplicatePackage = new DiagnosticInfo("IMG0005", "Duplicate package",
        "the package '{0}' is listed more than once", false, "Remove the duplicate entry.");
    public static readonly DiagnosticInfo UidZero = new DiagnosticInfo("IMG0006", "User with uid 0",
        "configured user '{0}' has UID 0", true, "To run as root, do not declare a user: set `run-as: 0` (C#: [RunAs(\"0\")]).");
    public static readonly DiagnosticInfo DuplicateUser = new DiagnosticInfo("IMG0007", "Duplicate user",
        "the user {0} is declared more than once", true, "Give every user a distinct name and uid.");
    public static readonly DiagnosticInfo DuplicateGroup = new DiagnosticInfo("IMG0008", "Duplicate group",
        "the group {0} is declared more than once", true, "Give every group a distinct name and gid.");
    public static readonly DiagnosticInfo UnknownRunAs = new DiagnosticInfo("IMG0009", "run-as is not a declared user",
        "run-as '{0}' is neither a declared user nor a numeric uid", false, "Declare the user under accounts.users, or give a numeric uid such as 65532.");
    public static readonly DiagnosticInfo UnknownGroupMember = new DiagnosticInfo("IMG0010", "Group member is not a user",
        "group '{0}' lists member '{1}', which is not a declared user", false, "Declare the user under accounts.users, or remove the member.");
    public static readonly DiagnosticInfo ServicesWithoutBundle = new DiagnosticInfo("IMG0011", "Services without service-bundle",
        "entrypoint services are declared but the entrypoint type is not service-bundle", true, "Set `entrypoint.type: service-bundle` (C#: services imply it).");
    public static readonly DiagnosticInfo CommandWithServices = new DiagnosticInfo("IMG0012", "Entrypoint command with services",
        "an entrypoint command and services are both declared; the service bundle replaces the command with /bin/s6-svscan /sv", true, "Remove the entrypoint command, or the services.");
    public static readonly DiagnosticInfo WorkDirNotAbsolute = new DiagnosticInfo("IMG0013", "work-dir is not absolute",
        "work-dir '{0}' is not an absolute path", true, "Start the path with '/'.");
    public static readonly DiagnosticInfo UnknownStopSignal = new DiagnosticInfo("IMG0014", "Unknown stop signal",
        "stop-signal '{0}' is not a signal", true, "Use a signal name such as SIGTERM or SIGQUIT, or a number 1..64.");
    public static readonly DiagnosticInfo LinkWithoutSource = new DiagnosticInfo("IMG0015", "Link without source",
        "the {0} at '{1}' has no source", true, "Set `source:` to the path the link points to.");
    public static readonly DiagnosticInfo BadPermissions = new DiagnosticInfo("IMG0016", "Permissions not octal",
        "permissions '{0}' are not octal file permissions", true, "Write permissions in octal, e.g. 0o755 or 0644 (at most 0o7777).");
    public static readonly DiagnosticInfo UnknownPinTag = new DiagnosticInfo("IMG0017", "Unknown repository tag",
        "the package '{0}' is pinned to '@{1}', but no repository is declared with that tag", true, "Declare the repository with the tag, as '@tag <url-or-path>' under repositories or build_repositories, or remove the pin.");
    public static readonly DiagnosticInfo BadEnvironmentName = new DiagnosticInfo("IMG0018", "Invalid environment variable name",
        "'{0}' is not a valid environment variable name", true, "Use letters, digits and '_', not starting with a digit.");
    public static readonly DiagnosticInfo BadAnnotationKey = new DiagnosticInfo("IMG0019", "Invalid annotation key",
        "annotation key '{0}' does not match ^[a-z0-9-.]+$", false, "The image is built with it (apko checks the rule only for --annotations); prefer lower-case letters, digits, '-' and '.', e.g. org.opencontainers.image.title.");
    public static readonly DiagnosticInfo ClassNotPartial = new DiagnosticInfo("IMG0020", "Image class is not partial",
        "the image class '{0}' must be partial", true, "Add the 'partial' modifier so the generator can add the ImageName and Configuration members.");
    public static readonly DiagnosticInfo IncludeCycle = new DiagnosticInfo("IMG0021", "Include cycle",
        "include cycle: {0}", true, "Remove one of the includes so that no file includes itself.");
    public static readonly DiagnosticInfo IncludeMissing = new DiagnosticInfo("IMG0022", "Included file not found",
        "included file '{0}' was not found (looked in {1})", true, "Paths are resolved against the working directory (-C) and each --include-paths folder.");
    public static readonly DiagnosticInfo BadFileName = new DiagnosticInfo("IMG0023", "Invalid name",
        "{0} name '{1}' does not match ^[a-zA-Z0-9_-]+[a-zA-Z0-9_.-]*$", true, "Use letters, digits, '_', '-' and '.', not starting with '.'.");
    public static readonly DiagnosticInfo BadRuntimeKey = new DiagnosticInfo("IMG0024", "Invalid runtime keyring entry",
        "{0}", true, "Each runtime_keyring entry needs a unique name and PEM content.");
    public static readonly DiagnosticInfo BadLayering = new DiagnosticInfo("IMG0025", "Invalid layering",
        "{0}", true, "Use `layering: {strategy: origin, budget: N}` with N >= 1.");
    public static readonly DiagnosticInfo UnsupportedFormat = new DiagnosticInfo("IMG0026", "Unsupported format",
        "format '{0}' is not supported: layers are written as tar only (apko's experimental erofs is not implemented)", true, "Remove `format:` and `--format`, or set them to tar.");
    public static readonly DiagnosticInfo MissingField = new DiagnosticInfo("IMG0027", "Missing required field",
        "{0} is missing the required field '{1}'", true, "Add the field.");
    public static readonly DiagnosticInfo BadRepository = new DiagnosticInfo("IMG0028", "Invalid repository",
        "{0}", true, "Write a repository as 'URL-or-path' or '@tag URL-or-path'.");
    public static readonly DiagnosticInfo BaseImageFields = new DiagnosticInfo("IMG0029", "Fields not allowed with a base image",
        "with a base image, users, groups, paths, layering and certificates cannot be set: the base's files and layers are kept as they are", true, "Remove those fields (entrypoint, cmd, env, work-dir, run-as and annotations may override the base's), or the base image.");
    public static readonly DiagnosticInfo PackageNotLocked = new DiagnosticInfo("IMG0030", "Package not in the lock file",
        "the package '{0}' is not in the lock file{1}", false, "Run `dotnet image lock` to refresh the lock file, or check the name.");
    public static readonly DiagnosticInfo LockedVersionMismatch = new DiagnosticInfo("IMG0031", "Locked version does not satisfy the constraint",
        "the constraint '{0}' is not satisfied by the locked version {1}", true, "Run `dotnet image lock` to refresh the lock file, or relax the constraint.");
    public static readonly DiagnosticInfo BadPathType = new DiagnosticInfo("IMG0032", "Unknown path type",
        "unknown path type '{0}'", true, "Use directory, empty-file, hardlink, symlink or permissions.");
    public static readonly DiagnosticInfo BadCertificate = new DiagnosticInfo("IMG0033", "Invalid certificate",
        "{0}", true, "Each additional certificate needs a name and exactly one PEM CERTIFICATE block.");
    public static readonly DiagnosticInfo InvalidValue = new DiagnosticInfo("IMG0034", "Invalid value",
        "{0}", true, "Check the value's type against docs/dsl.md or `dotnet image schema`.");
    public static readonly DiagnosticInfo ArchitectureAlias = new DiagnosticInfo("IMG0035", "Architecture given by its apk name",
        "'{0}' is the apk name of the architecture '{1}'", false, "Write the canonical (OCI) name, e.g. amd64 for x86_64 (C#: or the Arch enum, Arch.Amd64).");
    public static readonly DiagnosticInfo PermissionsWithoutLeadingZero = new DiagnosticInfo("IMG0036", "Permissions without a leading 0",
        "permissions '{0}' are read as octal {1}; write them with a leading 0", false, "Write octal permissions as 0755 or 0o755 so nobody reads them as decimal.");
    public static readonly DiagnosticInfo DuplicateImageName = new DiagnosticInfo("IMG0037", "Duplicate image name",
        "the image name '{0}' is also declared by {1}", true, "Give every image in a project its own name; the tool selects images by name.");
    public static readonly DiagnosticInfo IncludeConflict = new DiagnosticInfo("IMG0038", "Included fragments conflict",
        "the included fragments '{0}' and '{1}' both set {2} ({3} and {4}); '{1}', included later, wins", false, "Set the value on the including class to choose one, or remove it from one of the fragments.");
    public static readonly DiagnosticInfo DuplicateArchitecture = new DiagnosticInfo("IMG0039", "Duplicate architecture",
        "the architecture '{0}' is already listed{1}", false, "List each architecture once; apk names such as x86_64 are the same architecture as their OCI names.");
    public static readonly DiagnosticInfo ServiceBundleWithoutServices = new DiagnosticInfo("IMG0040", "Service bundle without services",
        "the entrypoint type is service-bundle but no service is declared; s6 would start with nothing to supervise", false, "Declare the services ([Service(name, command)] or entrypoint.services), or remove the service-bundle type and give a command.");
    public static readonly DiagnosticInfo ServicesWithoutSupervisor = new DiagnosticInfo("IMG0041", "No s6 for the services",
        "the image runs services, but no package catalogue of the project ({0}) has s6, which the service bundle installs to supervise them", false, "Add a repository that provides s6 (and write the catalogue again with `dotnet image catalog`), or give an entrypoint command instead of services.");
    public static readonly DiagnosticInfo LocalContentMissing = new DiagnosticInfo("IMG0042", "Local content folder missing",
        "the local content folder '{0}' does not exist ({1})", true, "Give an existing folder; a relative path resolves against the configuration file's folder.");
    public static readonly DiagnosticInfo BadLocalContent = new DiagnosticInfo("IMG0043", "Invalid local content",
        "{0}", true, "Give `contents.local` entries a package name, an apk version (1.0.0-r0), an absolute `to`, and an owner that is root or a declared user.");
    public static readonly DiagnosticInfo LockOutOfDate = new DiagnosticInfo("IMG0044", "Lock file out of date",
        "the lock file {0} no longer matches the declared packages: {1}; run `dotnet image lock --project {2} --image {3}`", false,
        "The compiled build plan installs what the lock file pins, and `dotnet image build --project` refuses a lock made for another configuration; lock the image again with the command in the message.");
    public static readonly DiagnosticInfo BadLayerCompression = new DiagnosticInfo("IMG0045", "Invalid layer compression",
        "{0}", true, "Write [LayerCompression(Compression.Gzip, Level = 1-9)] or [LayerCompression(Compression.Zstd, Level = 1-19)]; leave Level out for the algorithm's default (gzip 9, zstd 3).");

    /// <summary>Every entry, in ID order.</summary>
    public static IReadOnlyList<DiagnosticInfo> All { get; } = new[]
    {
        UnknownField, InvalidDocument, UnknownArchitecture, MalformedPackage, DuplicatePackage, UidZero,
        DuplicateUser, DuplicateGroup, UnknownRunAs, UnknownGroupMember, ServicesWithoutBundle,
        CommandWithServices, WorkDirNotAbsolute, UnknownStopSignal, LinkWithoutSource, BadPermissions,
        UnknownPinTag, BadEnvironmentName, BadAnnotationKey, ClassNotPartial, IncludeCycle, IncludeMissing,
        BadFileName, BadRuntimeKey, BadLayering, UnsupportedFormat, MissingField, BadRepository,
        BaseImageFields, PackageNotLocked, LockedVersionMismatch, BadPathType, BadCertificate, InvalidValue,
        ArchitectureAlias, PermissionsWithoutLeadingZero, DuplicateImageName, IncludeConflict,
        DuplicateArchitecture, ServiceBundleWithoutServices, ServicesWithoutSupervisor,
        LocalContentMissing, BadLocalContent, LockOutOfDate, BadLayerCompression,
    };
}
