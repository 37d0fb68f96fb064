using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;

namespace ImageDsl.Apk.Solver;

/// <summary>
/// apko's `comparePackages`: orders candidates best first. Steps (after apko's unused step 0):
/// 1 already-installed exact version; 2 origin already pulled in at the same version; 3 repository pin
/// equals the requested pin; 4 higher version for the requested name (provided version for virtuals);
/// 5 higher version between packages of the same name; 6 higher provider_priority; 7 higher version
/// regardless of repository; 8 name ascending; then index order, so the result never depends on chance.
/// </summary>
internal sealed class CandidateRanking(
    PackageUniverse universe,
    string name,
    IReadOnlyDictionary<string, PackageRecord>? existing,
    IReadOnlyDictionary<string, string>? existingOrigins,
    string? pin) : IComparer<PackageRecord>
{
    public int Compare(PackageRecord? a, PackageRecord? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (existing is not null)
        {
            bool ai = existing.TryGetValue(a.Name, out var ae) && ae.Version == a.Version;
            bool bi = existing.TryGetValue(b.Name, out var be) && be.Version == b.Version;
            if (ai != bi)
            {
                return ai ? -1 : 1;
            }
        }
        if (existingOrigins is not null)
        {
            bool ao = a.Origin.Length > 0 && existingOrigins.TryGetValue(a.Origin, out var av) && av == a.Version;
            bool bo = b.Origin.Length > 0 && existingOrigins.TryGetValue(b.Origin, out var bv) && bv == b.Version;
            if (ao != bo)
            {
                return ao ? -1 : 1;
            }
        }
        bool ap = a.Pin == pin, bp = b.Pin == pin;
        if (ap != bp)
        {
            return ap ? -1 : 1;
        }
        var (aText, aParsed) = VersionForName(a, name);
        var (bText, bParsed) = VersionForName(b, name);
        if (aText.Length > 0 && bText.Length > 0 && aText != bText)
        {
            int c = HigherFirst(aParsed, bParsed);
            if (c != 0)
            {
                return c;
            }
        }
        if (a.Name == b.Name && a.Version != b.Version)
        {
            int c = HigherFirst(a.ParsedVersion, b.ParsedVersion);
            if (c != 0)
            {
                return c;
            }
        }
        if (a.ProviderPriority != b.ProviderPriority)
        {
            return a.ProviderPriority > b.ProviderPriority ? -1 : 1;
        }
        if (a.Version != b.Version)
        {
            int c = HigherFirst(a.ParsedVersion, b.ParsedVersion);
            if (c != 0)
            {
                return c;
            }
        }
        int byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? Math.Sign(byName) : universe.Sequence(a).CompareTo(universe.Sequence(b));
    }

    /// <summary>The best candidate (the first in this order).</summary>
    public PackageRecord Best(IReadOnlyList<PackageRecord> candidates)
    {
        PackageRecord best = candidates[0];
        for (int i = 1; i < candidates.Count; i++)
        {
            if (Compare(candidates[i], best) < 0)
            {
                best = candidates[i];
            }
        }
        return best;
    }

    /// <summary>
    /// The version a package carries for <paramref name="requested"/>: its own version for its own name,
    /// else the version of its provide of that name ("" for an unversioned provide).
    /// </summary>
    public static (string Text, ApkVersion? Parsed) VersionForName(PackageRecord package, string requested)
    {
        if (requested.Length == 0 || requested == package.Name)
        {
            return (package.Version, package.ParsedVersion);
        }
        foreach (PackageConstraint provide in package.Provides)
        {
            if (provide.Name == requested)
            {
                return (provide.Version.VersionText, provide.Version.Version);
            }
        }
        return ("", null);
    }

    /// <summary>-1 when <paramref name="a"/> is the higher version; an unparseable version loses.</summary>
    private static int HigherFirst(ApkVersion? a, ApkVersion? b)
    {
        if (a is null)
        {
            return 1;
        }
        if (b is null)
        {
            return -1;
        }
        return -ApkVersion.Compare(a, b);
    }
}
