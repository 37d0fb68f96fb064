using System.Text.RegularExpressions;
using ImageDsl.Diagnostics;
using ImageDsl.Model;
using ImageDsl.Rules;

namespace ImageDsl.Config;

// contents.local: ImageDsl's folders packed into packages at build time.
public static partial class ConfigurationValidator
{
    // apk package names as Alpine and Wolfi use them; nothing that could break an index line or a file name.
    private static readonly Regex PackageName = new("^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$", RegexOptions.CultureInvariant);

    private static void ValidateLocal(ImageConfiguration configuration, Context context)
    {
        ValueList<LocalContent> local = configuration.Contents.Local;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var users = (configuration.Accounts?.Users ?? ValueList<UserAccount>.Empty).Select(u => u.UserName).ToHashSet(StringComparer.Ordinal);
        var apkArchs = ArchitectureNames.Canonical.Select(ArchitectureNames.ToApk).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < local.Count; i++)
        {
            string path = MemberPath.Item("Contents.Local", i);
            LocalContent content = local[i];
            if (content.Path.Trim().Length == 0)
            {
                context.Report(DiagnosticCatalog.MissingField, path, $"contents.local[{i}]", "path");
            }
            if (content.Name.Length == 0)
            {
                context.Report(DiagnosticCatalog.MissingField, path, $"contents.local[{i}]", "name");
            }
            else if (!PackageName.IsMatch(content.Name))
            {
                context.Add(DiagnosticCatalog.BadLocalContent, path + ".Name",
                    $"'{content.Name}' is not a package name: use letters, digits and . _ + - (starting with a letter or digit)");
            }
            else if (!names.Add(content.Name))
            {
                context.Add(DiagnosticCatalog.BadLocalContent, path + ".Name", $"the local package name '{content.Name}' is used more than once");
            }
            if (!PackageConstraintSyntax.IsValidVersion(content.Version))
            {
                context.Add(DiagnosticCatalog.BadLocalContent, path + ".Version", $"'{content.Version}' is not an apk version such as 1.0.0-r0");
            }
            if (content.Arch != LocalContent.NoArch && !apkArchs.Contains(content.Arch))
            {
                context.Add(DiagnosticCatalog.BadLocalContent, path + ".Arch",
                    $"'{content.Arch}' is not noarch or an apk architecture ({string.Join(", ", apkArchs.Order(StringComparer.Ordinal))})");
            }
            if (!content.To.StartsWith('/') || content.To.Split('/').Any(s => s is "." or "..") || content.To.Contains('\0'))
            {
                context.Add(DiagnosticCatalog.BadLocalContent, path + ".To", $"'{content.To}' is not an absolute path in the image without . or .. segments");
            }
            // With a base image the owner may be one of its users, known only when the build reads the base.
            if (content.Owner != LocalContent.Root && !users.Contains(content.Owner) && configuration.Contents.BaseImage is null)
            {
                context.Add(DiagnosticCatalog.BadLocalContent, path + ".Owner",
                    $"the owner '{content.Owner}' is neither root nor a user declared in accounts.users");
            }
        }
    }
}
