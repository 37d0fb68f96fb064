using System.Text.RegularExpressions;
using ImageDsl.Errors;
using ImageDsl.Rules;

namespace ImageDsl.Tool.Projects;

/// <summary>
/// The app package's apk version from the project's .NET version (MSBuild's <c>Version</c>): <c>1.2.3</c>
/// becomes <c>1.2.3-r0</c>, a SemVer pre-release <c>1.2.3-beta.2</c> becomes apk's <c>1.2.3_beta2-r0</c>
/// (which sorts before 1.2.3 as SemVer does), build metadata (<c>+sha</c>) is dropped; an apk version is kept.
/// </summary>
internal static partial class AppVersion
{
    /// <summary>The apk version for <paramref name="version"/>.</summary>
    /// <exception cref="ImageDslException">The version has no apk equivalent (exit 2).</exception>
    public static string ToApk(string version)
    {
        string trimmed = version.Trim();
        if (PackageConstraintSyntax.IsValidVersion(trimmed) && trimmed.Contains("-r", StringComparison.Ordinal))
        {
            return trimmed;
        }
        Match match = SemVer().Match(trimmed);
        if (match.Success)
        {
            string apk = match.Groups["release"].Value;
            if (match.Groups["pre"].Success)
            {
                string kind = match.Groups["kind"].Value.ToLowerInvariant();
                apk += "_" + (kind == "preview" ? "pre" : kind) + match.Groups["number"].Value;
            }
            apk += "-r0";
            if (PackageConstraintSyntax.IsValidVersion(apk))
            {
                return apk;
            }
        }
        throw new ImageDslException(ErrorKind.Configuration,
            $"the app version '{version}' has no apk equivalent (apk versions look like 1.2.3-r0 or 1.2.3_beta1-r0)",
            "Set <ImageAppVersion> in the project (or --app-version) to an apk version such as 1.2.3-r0, or use a numeric Version with an optional -alpha/-beta/-rc/-preview N suffix.");
    }

    [GeneratedRegex(@"^(?<release>[0-9]+(\.[0-9]+){0,3})(?<pre>-(?<kind>alpha|beta|pre|preview|rc)\.?(?<number>[0-9]*))?(\+[0-9A-Za-z.-]*)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SemVer();
}
