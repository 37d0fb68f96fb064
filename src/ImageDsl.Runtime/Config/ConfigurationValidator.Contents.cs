using ImageDsl.Diagnostics;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Config;

// contents: repositories, keys, packages; certificates.
public static partial class ConfigurationValidator
{
    private static void ValidateContents(ImageContents contents, Context context)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        ValidateRepositories(contents.Repositories, "Contents.Repositories", context, tags);
        ValidateRepositories(contents.BuildRepositories, "Contents.BuildRepositories", context, tags);
        // Tags of runtime-only repositories cannot satisfy a pin at build time.
        ValidateRepositories(contents.RuntimeRepositories, "Contents.RuntimeRepositories", context, null);

        for (int i = 0; i < contents.Keyring.Count; i++)
        {
            if (contents.Keyring[i].Trim().Length == 0)
            {
                context.Add(DiagnosticCatalog.InvalidValue, MemberPath.Item("Contents.Keyring", i), "a keyring entry is empty; give a key file or URL");
            }
        }
        ValidateRuntimeKeyring(contents.RuntimeKeyring, context);
        ValidatePackages(contents.Packages, tags, context);
    }

    private static void ValidateRepositories(ValueList<string> repositories, string member, Context context, HashSet<string>? tags)
    {
        for (int i = 0; i < repositories.Count; i++)
        {
            string path = MemberPath.Item(member, i);
            string[] fields = repositories[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                context.Add(DiagnosticCatalog.BadRepository, path, "a repository is empty");
            }
            else if (fields.Length == 1 && fields[0].StartsWith('@'))
            {
                context.Add(DiagnosticCatalog.BadRepository, path, $"repository '{repositories[i]}' has a tag but no URL or path");
            }
            else if (fields.Length > 2)
            {
                context.Add(DiagnosticCatalog.BadRepository, path, $"repository '{repositories[i]}' has more than two fields");
            }
            else if (fields.Length == 2 && (!fields[0].StartsWith('@') || fields[0].Length == 1))
            {
                context.Add(DiagnosticCatalog.BadRepository, path, $"repository '{repositories[i]}' has a tag '{fields[0]}' that does not start with '@'");
            }
            else if (fields.Length == 2)
            {
                tags?.Add(fields[0][1..]);
            }
        }
    }

    private static void ValidateRuntimeKeyring(ValueList<RuntimeKey> keys, Context context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < keys.Count; i++)
        {
            string path = MemberPath.Item("Contents.RuntimeKeyring", i);
            RuntimeKey key = keys[i];
            if (string.IsNullOrEmpty(key.Name))
            {
                context.Add(DiagnosticCatalog.BadRuntimeKey, path, $"runtime_keyring entry {i} has no name");
            }
            else if (!ImageRules.IsValidFileName(key.Name))
            {
                context.Report(DiagnosticCatalog.BadFileName, path + ".Name", "runtime_keyring", key.Name);
            }
            else if (!names.Add(key.Name))
            {
                context.Add(DiagnosticCatalog.BadRuntimeKey, path + ".Name", $"runtime_keyring name '{key.Name}' is used more than once");
            }
            if (string.IsNullOrWhiteSpace(key.Content))
            {
                context.Add(DiagnosticCatalog.BadRuntimeKey, path, $"runtime_keyring entry '{key.Name}' has no content");
            }
        }
    }

    private static void ValidatePackages(ValueList<string> packages, HashSet<string> tags, Context context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < packages.Count; i++)
        {
            string path = MemberPath.Item("Contents.Packages", i);
            string package = packages[i];
            if (!PackageConstraintSyntax.TryParse(package, out ParsedConstraint? parsed, out string error))
            {
                context.Report(DiagnosticCatalog.MalformedPackage, path, error);
                continue;
            }
            if (!seen.Add(package))
            {
                context.Report(DiagnosticCatalog.DuplicatePackage, path, package);
            }
            if (parsed!.Pin is { } pin && !tags.Contains(pin))
            {
                context.Report(DiagnosticCatalog.UnknownPinTag, path, package, pin);
            }
        }
    }

    private static void ValidateCertificates(ImageCertificates? certificates, Context context)
    {
        if (certificates is null)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < certificates.Additional.Count; i++)
        {
            string path = MemberPath.Item("Certificates.Additional", i);
            AdditionalCertificate certificate = certificates.Additional[i];
            if (string.IsNullOrEmpty(certificate.Name))
            {
                context.Report(DiagnosticCatalog.MissingField, path, $"certificates.additional[{i}]", "name");
            }
            else if (!ImageRules.IsValidFileName(certificate.Name))
            {
                context.Report(DiagnosticCatalog.BadFileName, path + ".Name", "certificate", certificate.Name);
            }
            else if (!names.Add(certificate.Name))
            {
                context.Add(DiagnosticCatalog.BadCertificate, path + ".Name", $"certificate name '{certificate.Name}' is used more than once");
            }
            int blocks = CountOccurrences(certificate.Content, "-----BEGIN CERTIFICATE-----");
            if (string.IsNullOrWhiteSpace(certificate.Content))
            {
                context.Report(DiagnosticCatalog.MissingField, path, $"certificates.additional[{i}]", "content");
            }
            else if (blocks != 1)
            {
                context.Add(DiagnosticCatalog.BadCertificate, path + ".Content",
                    $"certificate '{certificate.Name}' must hold exactly one PEM CERTIFICATE block, not {blocks}");
            }
        }
        for (int i = 0; i < certificates.Providers.Count; i++)
        {
            if (certificates.Providers[i].Trim().Length == 0)
            {
                context.Add(DiagnosticCatalog.InvalidValue, MemberPath.Item("Certificates.Providers", i), "a certificate provider is empty");
            }
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
