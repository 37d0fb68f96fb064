using ImageDsl.Diagnostics;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Config;

/// <summary>
/// apko's configuration rules plus ImageDsl's own, applied to a merged <see cref="ImageConfiguration"/>,
/// whether it came from YAML or was built in C#. Every finding is located at the offending value through
/// an <see cref="IConfigurationLocator"/>. Validation never changes the configuration; apko's mutations
/// live in <see cref="ConfigurationDeriver"/>.
/// </summary>
public static partial class ConfigurationValidator
{
    /// <summary>Checks every rule and returns all errors and warnings.</summary>
    /// <param name="configuration">The merged configuration.</param>
    /// <param name="locator">Where values came from; for C# use <see cref="MemberPathLocator"/>.</param>
    public static ValidationResult Validate(ImageConfiguration configuration, IConfigurationLocator locator)
    {
        var context = new Context(locator);
        ValidateContents(configuration.Contents, context);
        ValidateEntrypoint(configuration.Entrypoint, context);
        ValidateProcess(configuration, context);
        ValidateAccounts(configuration.Accounts, context);
        ValidatePaths(configuration.Paths, context);
        ValidateImageOptions(configuration, context);
        ValidateCertificates(configuration.Certificates, context);
        ValidateBaseImage(configuration, context);
        ValidateLocal(configuration, context);
        return new ValidationResult(context.Diagnostics.Errors, context.Diagnostics.Warnings);
    }

    /// <summary>Validates and throws one <see cref="Errors.ConfigurationException"/> with every error; returns the warnings.</summary>
    public static IReadOnlyList<Errors.ConfigurationDiagnostic> ValidateOrThrow(ImageConfiguration configuration, IConfigurationLocator locator)
    {
        ValidationResult result = Validate(configuration, locator);
        result.ThrowIfInvalid();
        return result.Warnings;
    }

    private sealed class Context(IConfigurationLocator locator)
    {
        public DiagnosticCollector Diagnostics { get; } = new();

        public void Report(DiagnosticInfo info, string memberPath, params object?[] args) =>
            Diagnostics.Report(info, locator.Locate(memberPath), args);

        public void Add(DiagnosticInfo info, string memberPath, string message) =>
            Diagnostics.Add(info, locator.Locate(memberPath), message);
    }

    private static void ValidateEntrypoint(ImageEntrypoint? entrypoint, Context context)
    {
        if (entrypoint is null)
        {
            return;
        }
        bool bundle = entrypoint.Type == ImageEntrypoint.ServiceBundle;
        if (entrypoint.Type is not null && !bundle)
        {
            context.Add(DiagnosticCatalog.InvalidValue, "Entrypoint.Type",
                $"unknown entrypoint type '{entrypoint.Type}'; the only type is {ImageEntrypoint.ServiceBundle}");
        }
        if (!entrypoint.Services.IsEmpty && !bundle)
        {
            context.Report(DiagnosticCatalog.ServicesWithoutBundle, "Entrypoint.Services");
        }
        // The derived command is what apko itself writes, so a derived configuration still validates.
        if (bundle && !entrypoint.Services.IsEmpty && entrypoint.Command is not null
            && entrypoint.Command != ConfigurationDeriver.ServiceBundleCommand)
        {
            context.Report(DiagnosticCatalog.CommandWithServices, "Entrypoint.Command");
        }
        foreach (var (name, command) in entrypoint.Services)
        {
            string path = MemberPath.Key("Entrypoint.Services", name);
            if (!ImageRules.IsValidFileName(name))
            {
                context.Report(DiagnosticCatalog.BadFileName, path, "service", name);
            }
            if (command.Trim().Length == 0)
            {
                context.Add(DiagnosticCatalog.InvalidValue, path, $"service '{name}' has no command");
            }
        }
    }

    private static void ValidateProcess(ImageConfiguration configuration, Context context)
    {
        if (configuration.StopSignal is { } signal && !ImageRules.IsKnownStopSignal(signal))
        {
            context.Report(DiagnosticCatalog.UnknownStopSignal, "StopSignal", signal);
        }
        if (configuration.WorkDir is { } workDir && !ImageRules.IsAbsolutePath(workDir))
        {
            context.Report(DiagnosticCatalog.WorkDirNotAbsolute, "WorkDir", workDir);
        }
        foreach (string name in configuration.Environment.Keys)
        {
            if (!ImageRules.IsValidEnvironmentName(name))
            {
                context.Report(DiagnosticCatalog.BadEnvironmentName, MemberPath.Key("Environment", name), name);
            }
        }
        foreach (string key in configuration.Annotations.Keys)
        {
            if (!ImageRules.IsValidAnnotationKey(key))
            {
                context.Report(DiagnosticCatalog.BadAnnotationKey, MemberPath.Key("Annotations", key), key);
            }
        }
    }

    private static void ValidateImageOptions(ImageConfiguration configuration, Context context)
    {
        if (configuration.Layering is { } layering)
        {
            bool singleLayer = layering.Strategy.Length == 0 && layering.Budget == 0;
            if (layering.Strategy != ImageLayering.Origin && !singleLayer)
            {
                context.Add(DiagnosticCatalog.BadLayering, "Layering.Strategy",
                    $"unknown layering strategy '{layering.Strategy}'; the only strategy is {ImageLayering.Origin}");
            }
            if (layering.Budget < 0)
            {
                context.Add(DiagnosticCatalog.BadLayering, "Layering.Budget", $"the layering budget must be 0 or more, not {layering.Budget}");
            }
        }
        if (configuration.Format is { } format && format != "tar")
        {
            context.Report(DiagnosticCatalog.UnsupportedFormat, "Format", format);
        }
    }

    private static void ValidateBaseImage(ImageConfiguration configuration, Context context)
    {
        BaseImage? baseImage = configuration.Contents.BaseImage;
        if (baseImage is null)
        {
            return;
        }
        if (string.IsNullOrEmpty(baseImage.Image) && string.IsNullOrEmpty(baseImage.Reference))
        {
            context.Report(DiagnosticCatalog.MissingField, "Contents.BaseImage", "contents.baseimage", "image (an OCI layout folder) or ref (a registry reference)");
        }
        else if (!string.IsNullOrEmpty(baseImage.Image) && !string.IsNullOrEmpty(baseImage.Reference))
        {
            context.Add(DiagnosticCatalog.InvalidValue, "Contents.BaseImage.Reference",
                "contents.baseimage has both 'image' (an OCI layout folder) and 'ref' (a registry reference); give one of them");
        }
        // apko allows only contents, archs and include with a base image. We also let the runtime
        // config (entrypoint, cmd, stop-signal, work-dir, environment, annotations, run-as) override
        // the base's; what would rewrite the base's files or layers stays refused. apko requires
        // `apkindex`; we read the base's apk database from its layers when it is absent.
        var offending = new (bool Set, string Member, string Key)[]
        {
            (configuration.Accounts is { } a && (!a.Users.IsEmpty || !a.Groups.IsEmpty), "Accounts", "accounts.users/groups"),
            (!configuration.Paths.IsEmpty, "Paths", "paths"),
            (configuration.Layering is not null, "Layering", "layering"),
            (configuration.Certificates is not null, "Certificates", "certificates"),
        };
        foreach (var (set, member, key) in offending)
        {
            if (set)
            {
                context.Add(DiagnosticCatalog.BaseImageFields, member,
                    $"with a base image, '{key}' cannot be set: the base's files and layers are kept as they are (remove '{key}')");
            }
        }
    }
}
