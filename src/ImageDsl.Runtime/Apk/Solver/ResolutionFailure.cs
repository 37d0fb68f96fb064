using System.Text;
using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using ImageDsl.Rules;

namespace ImageDsl.Apk.Solver;

/// <summary>
/// Builds resolution errors that say what cannot be met, which chain of packages asked for it, and why
/// every candidate was turned down.
/// </summary>
internal static class ResolutionFailure
{
    private const int MaxCandidatesListed = 25;

    /// <summary>The path from the world to the constraint being solved: the world entry (null: install_if), then packages.</summary>
    public sealed record Chain(PackageConstraint? WorldEntry, IReadOnlyList<PackageRecord> Packages)
    {
        public Chain Then(PackageRecord package) => this with { Packages = [.. Packages, package] };

        public string Describe(PackageConstraint? last)
        {
            var text = new StringBuilder(WorldEntry is null ? "install_if" : $"world \"{WorldEntry.Text}\"");
            foreach (PackageRecord package in Packages)
            {
                text.Append(" -> ").Append(package);
            }
            if (last is not null && !(Packages.Count == 0 && ReferenceEquals(last, WorldEntry)))
            {
                text.Append(" -> \"").Append(last.Text).Append('"');
            }
            return text.ToString();
        }
    }

    /// <summary>No package has or provides the name.</summary>
    public static ImageDslException NothingProvides(string arch, PackageConstraint constraint, Chain chain, PackageUniverse universe)
    {
        string? suggestion = Suggest(constraint.Name, universe);
        return Create(arch, constraint, chain, $"nothing provides \"{constraint.Name}\"", [],
            suggestion is null
                ? "Check the package name and that the repository holding it is in `contents.repositories` (or -r) for this arch."
                : $"Did you mean \"{suggestion}\"? Otherwise check that the repository holding it is configured for this arch.");
    }

    /// <summary>Packages exist, but every one was turned down.</summary>
    public static ImageDslException NoCandidateLeft(string arch, PackageConstraint constraint, Chain chain,
        IReadOnlyList<PackageRecord> candidates, IReadOnlyDictionary<PackageRecord, string> disqualified, string? allowPin, string? preferPin)
    {
        var reasons = new List<string>();
        foreach (PackageRecord candidate in candidates.Distinct(ReferenceEqualityComparer.Instance).Cast<PackageRecord>())
        {
            reasons.Add($"{candidate.FileName}: {Rejection(candidate, constraint, disqualified, allowPin, preferPin)}");
        }
        string problem = constraint.Version.IsVersioned
            ? $"no candidate satisfies \"{constraint.Text}\""
            : $"every candidate for \"{constraint.Name}\" was rejected";
        return Create(arch, constraint, chain, problem, reasons,
            "Relax the version constraint, pin the package to the repository that has it (name@tag), or add that repository.");
    }

    /// <summary>A package picked earlier does not meet a later constraint.</summary>
    public static ImageDslException AlreadySelected(string arch, PackageConstraint constraint, Chain chain, PackageRecord picked)
    {
        return Create(arch, constraint, chain, $"we already selected \"{picked.Name}={picked.Version}\" which conflicts with \"{constraint.Text}\"", [],
            "Two packages need incompatible versions of the same name; pin one of them in `contents.packages` to a version that suits both.");
    }

    /// <summary>Two packages claim the same name.</summary>
    public static ImageDslException PickConflict(string arch, PackageConstraint constraint, Chain chain, PackageRecord package, PackageRecord other, string name)
    {
        return Create(arch, constraint, chain, $"selecting package {package.FileName} conflicts with {other.FileName} on \"{name}\"", [],
            "Both packages provide the same name; ask for one of them explicitly in `contents.packages`.");
    }

    /// <summary>A `!name` constraint is violated by an installed package.</summary>
    public static ImageDslException ConflictInstalled(string arch, PackageConstraint conflict, PackageRecord installed, string requiredBy)
    {
        return new ImageDslException(ErrorKind.Resolution,
            $"for arch \"{arch}\": cannot install due to conflict with {conflict.Text[1..]}: {installed.FileName} is installed, " +
            $"but {requiredBy} forbids it (\"{conflict.Text}\")",
            "Remove the package that brings it in, or the package that forbids it, from `contents.packages`.");
    }

    /// <summary>Why one candidate was turned down, in words.</summary>
    public static string Rejection(PackageRecord candidate, PackageConstraint constraint,
        IReadOnlyDictionary<PackageRecord, string> disqualified, string? allowPin, string? preferPin)
    {
        if (disqualified.TryGetValue(candidate, out string? reason))
        {
            return "disqualified because " + reason;
        }
        if (candidate.Pin is not null && candidate.Pin != allowPin && candidate.Pin != preferPin)
        {
            return $"pinned to @{candidate.Pin}: that repository only serves packages asked for as {candidate.Name}@{candidate.Pin}";
        }
        if (constraint.Version.IsVersioned)
        {
            if (constraint.Version.Version is null)
            {
                return $"the required version \"{constraint.Version.VersionText}\" is not an apk version";
            }
            if (candidate.ParsedVersion is null)
            {
                return $"its version \"{candidate.Version}\" is not an apk version";
            }
            var (text, _) = CandidateRanking.VersionForName(candidate, constraint.Name);
            return candidate.Name == constraint.Name || text.Length == 0
                ? $"version {candidate.Version} does not satisfy {constraint.Version}"
                : $"it provides {constraint.Name}={text}, which does not satisfy {constraint.Version}";
        }
        return "rejected";
    }

    private static ImageDslException Create(string arch, PackageConstraint constraint, Chain chain, string problem,
        IReadOnlyList<string> reasons, string hint)
    {
        var message = new StringBuilder();
        message.Append($"for arch \"{arch}\": solving \"{constraint.Text}\" constraint: {problem}");
        message.Append("\n  required by: ").Append(chain.Describe(constraint));
        if (reasons.Count > 0)
        {
            message.Append("\n  rejected candidates:");
            foreach (string reason in reasons.Take(MaxCandidatesListed))
            {
                message.Append("\n    ").Append(reason);
            }
            if (reasons.Count > MaxCandidatesListed)
            {
                message.Append($"\n    ... and {reasons.Count - MaxCandidatesListed} more");
            }
        }
        return new ImageDslException(ErrorKind.Resolution, message.ToString(), hint);
    }

    private static string? Suggest(string name, PackageUniverse universe)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(2, name.Length / 3);
        foreach (string candidate in universe.Names)
        {
            if (Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }
            int d = EditDistance.Between(name, candidate);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }
}
