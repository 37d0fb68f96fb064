namespace ImageDsl.Apk.Versions;

/// <summary>How a constraint compares versions.</summary>
public enum VersionOperator
{
    /// <summary>No version given: anything matches.</summary>
    Any,

    /// <summary>`=`.</summary>
    Equal,

    /// <summary>`&lt;`.</summary>
    Less,

    /// <summary>`&gt;`.</summary>
    Greater,

    /// <summary>`&lt;=`.</summary>
    LessOrEqual,

    /// <summary>`&gt;=`.</summary>
    GreaterOrEqual,

    /// <summary>`~` or `=~`: apko's fuzzy match (<see cref="ApkVersion.FuzzyMatches"/>).</summary>
    Fuzzy,

    /// <summary>`&lt;~` (apk-tools 3): a fuzzy match, or lower.</summary>
    LessOrFuzzy,

    /// <summary>`&gt;~` (apk-tools 3): a fuzzy match, or higher.</summary>
    GreaterOrFuzzy,
}

/// <summary>The version part of a constraint such as `>=1.2.3-r0`.</summary>
public sealed class VersionConstraint
{
    /// <summary>A constraint every version satisfies.</summary>
    public static VersionConstraint Any { get; } = new(VersionOperator.Any, "", "");

    private VersionConstraint(VersionOperator op, string operatorText, string versionText)
    {
        Operator = op;
        OperatorText = operatorText;
        VersionText = versionText;
    }

    private ApkVersion? _version;
    private bool _versionParsed;

    /// <summary>The comparison.</summary>
    public VersionOperator Operator { get; }

    /// <summary>The operator as written (`=~` and `~` are both fuzzy).</summary>
    public string OperatorText { get; }

    /// <summary>The version as written (after apko's `so:` rewrite).</summary>
    public string VersionText { get; }

    /// <summary>The parsed version; null for <see cref="VersionOperator.Any"/> or an invalid version (which nothing satisfies). Parsed on first use.</summary>
    public ApkVersion? Version
    {
        get
        {
            if (!_versionParsed)
            {
                _version = Operator != VersionOperator.Any && ApkVersion.TryParse(VersionText, out ApkVersion? v) ? v : null;
                _versionParsed = true;
            }
            return _version;
        }
    }

    /// <summary>True when a version is required.</summary>
    public bool IsVersioned => Operator != VersionOperator.Any;

    /// <summary>Creates a constraint from its operator text (`=`, `&lt;`, `&gt;=`, `~`...) and version text.</summary>
    public static VersionConstraint Create(string operatorText, string versionText)
    {
        VersionOperator op = operatorText switch
        {
            "=" => VersionOperator.Equal,
            "<" => VersionOperator.Less,
            ">" => VersionOperator.Greater,
            "<=" => VersionOperator.LessOrEqual,
            ">=" => VersionOperator.GreaterOrEqual,
            "~" or "=~" => VersionOperator.Fuzzy,
            // apk-tools 3 reads `~` as "equal, fuzzily" and combines it with `<` / `>`; apko has no case for these.
            "<~" => VersionOperator.LessOrFuzzy,
            ">~" => VersionOperator.GreaterOrFuzzy,
            // apko treats an operator it does not know (e.g. `=>`) as "any version".
            _ => VersionOperator.Any,
        };
        return op == VersionOperator.Any ? Any : new VersionConstraint(op, operatorText, versionText);
    }

    /// <summary>True when <paramref name="actual"/> satisfies the constraint; an unparseable version satisfies only <see cref="Any"/>.</summary>
    public bool IsSatisfiedBy(ApkVersion? actual)
    {
        if (Operator == VersionOperator.Any)
        {
            return true;
        }
        if (actual is null || Version is null)
        {
            return false;
        }
        if (Operator == VersionOperator.Fuzzy)
        {
            return actual.FuzzyMatches(Version);
        }
        int c = ApkVersion.Compare(actual, Version);
        return Operator switch
        {
            VersionOperator.LessOrFuzzy => c < 0 || actual.FuzzyMatches(Version),
            VersionOperator.GreaterOrFuzzy => c > 0 || actual.FuzzyMatches(Version),
            VersionOperator.Equal => c == 0,
            VersionOperator.Less => c < 0,
            VersionOperator.Greater => c > 0,
            VersionOperator.LessOrEqual => c <= 0,
            VersionOperator.GreaterOrEqual => c >= 0,
            _ => false,
        };
    }

    /// <summary>The constraint as written, e.g. `>=1.2` (empty for <see cref="Any"/>).</summary>
    public override string ToString() => OperatorText + VersionText;
}
