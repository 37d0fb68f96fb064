using System.Text.RegularExpressions;
using ImageDsl.Errors;
using ImageDsl.Rules;

namespace ImageDsl.Apk.Packages;

/// <summary>Refuses package metadata apk could not read back (bad names, versions, dependency syntax).</summary>
internal static partial class PackageInfoValidator
{
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ArchPattern();

    public static void Validate(PackageInfo info)
    {
        if (!NamePattern().IsMatch(info.Name))
        {
            throw Bad($"package name '{info.Name}' is not valid", "Use letters, digits and _ . + - (e.g. hello-world).");
        }
        if (!PackageConstraintSyntax.IsValidVersion(info.Version))
        {
            throw Bad($"version '{info.Version}' is not an apk version", "Use e.g. 1.0.0-r0, 2.4_rc1-r2 or 1.7b-r0.");
        }
        if (!ArchPattern().IsMatch(info.Arch))
        {
            throw Bad($"architecture '{info.Arch}' is not valid", "Use an apk architecture such as x86_64, aarch64 or noarch.");
        }
        Check("depend", info.Depends, allowConflict: true);
        Check("provides", info.Provides, allowConflict: false);
        Check("replaces", info.Replaces, allowConflict: false);
        Check("install_if", info.InstallIf, allowConflict: true);
        if (info.DataHash is not null)
        {
            throw new ArgumentException("datahash is computed by the writer; leave it null", nameof(info));
        }
    }

    private static void Check(string field, IReadOnlyList<string> values, bool allowConflict)
    {
        foreach (string value in values)
        {
            if (!PackageConstraintSyntax.TryParse(value, out ParsedConstraint? parsed, out string error))
            {
                throw Bad($"{field} '{value}': {error}", "Dependencies look like name, name=1.0-r0, name>=1.0, so:libc.so.6 or cmd:sh.");
            }
            if (parsed!.Pin is not null || (parsed.IsConflict && !allowConflict))
            {
                throw Bad($"{field} '{value}' uses a repository pin or '!', which packages cannot declare", "Remove the @tag or the '!'.");
            }
        }
    }

    private static ImageDslException Bad(string message, string hint) => new(ErrorKind.Configuration, message, hint);
}
