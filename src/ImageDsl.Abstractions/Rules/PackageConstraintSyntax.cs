// Shared source: see ArchitectureNames.cs.
using System.Text.RegularExpressions;

namespace ImageDsl.Rules;

/// <summary>The parts of a world constraint such as `nginx>=1.24@edge` or `!musl`.</summary>
internal sealed class ParsedConstraint
{
    /// <summary>Creates the parsed form.</summary>
    public ParsedConstraint(string name, string? op, string? version, string? pin, bool conflict)
    {
        Name = name;
        Operator = op;
        Version = version;
        Pin = pin;
        IsConflict = conflict;
    }

    /// <summary>The package or virtual name (`so:libc.musl-aarch64.so.1`, `cmd:sh`...).</summary>
    public string Name { get; }

    /// <summary>One of = &lt; &gt; &lt;= &gt;= ~ =~ &lt;~ &gt;~; null when unversioned.</summary>
    public string? Operator { get; }

    /// <summary>The version text after the operator.</summary>
    public string? Version { get; }

    /// <summary>The repository tag after `@`, or null.</summary>
    public string? Pin { get; }

    /// <summary>True for `!name`: the package must not be installed.</summary>
    public bool IsConflict { get; }
}

/// <summary>apko's constraint grammar (`ResolvePackageNameVersionPin`) and version grammar.</summary>
internal static class PackageConstraintSyntax
{
    private static readonly Regex Constraint = new Regex(
        @"^([^@=><~]+)(([=><~]+)([^@]+))?(@([a-zA-Z0-9]+))?$", RegexOptions.CultureInvariant);

    private static readonly Regex VersionGrammar = new Regex(
        @"^([0-9]+)((\.[0-9]+)*)([a-z]?)((_alpha|_beta|_pre|_rc)([0-9]*))?((_cvs|_svn|_git|_hg|_p)([0-9]*))?((-r)([0-9]+))?$",
        RegexOptions.CultureInvariant);

    private static readonly string[] Operators = { "=", "<", ">", "<=", ">=", "~", "=~", "<~", ">~" };

    /// <summary>True when <paramref name="version"/> follows the apk version grammar apko accepts.</summary>
    public static bool IsValidVersion(string? version) => version is not null && VersionGrammar.IsMatch(version);

    /// <summary>
    /// Parses a constraint. On failure <paramref name="error"/> says what is wrong in words a user can act on.
    /// </summary>
    public static bool TryParse(string? text, out ParsedConstraint? parsed, out string error)
    {
        parsed = null;
        error = "";
        if (text is null || text.Trim().Length == 0)
        {
            error = "the package constraint is empty";
            return false;
        }
        string s = text.Trim();
        if (s != text)
        {
            error = $"'{text}' has leading or trailing spaces";
            return false;
        }
        bool conflict = false;
        if (s.StartsWith("!", System.StringComparison.Ordinal))
        {
            conflict = true;
            s = s.Substring(1);
        }
        if (s.IndexOf(' ') >= 0)
        {
            error = $"'{text}' contains a space; write one package per entry";
            return false;
        }
        Match match = Constraint.Match(s);
        if (!match.Success)
        {
            error = $"'{text}' is not a package constraint; expected name, name=version, name>=version, name~version or name@tag";
            return false;
        }
        string name = match.Groups[1].Value;
        string? op = match.Groups[3].Success ? match.Groups[3].Value : null;
        string? version = match.Groups[4].Success ? match.Groups[4].Value : null;
        string? pin = match.Groups[6].Success ? match.Groups[6].Value : null;
        if (op is not null && System.Array.IndexOf(Operators, op) < 0)
        {
            error = $"'{text}' uses the operator '{op}'; use one of = < > <= >= ~ =~ <~ >~";
            return false;
        }
        if (version is not null && !IsValidVersion(version))
        {
            error = $"'{text}' has the version '{version}', which is not an apk version (e.g. 1.2.3-r0, 2.0_rc1, 1.7b)";
            return false;
        }
        parsed = new ParsedConstraint(name, op, version, pin, conflict);
        return true;
    }
}
