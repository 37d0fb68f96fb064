using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using Chain = ImageDsl.Apk.Solver.ResolutionFailure.Chain;

namespace ImageDsl.Apk.Solver;

/// <summary>Candidate filtering, disqualification, picks, install_if and the final checks.</summary>
internal sealed partial class ResolutionRun
{
    /// <summary>The world constraint with the fewest candidates left (ties: the first), as apko's `nextPackage`.</summary>
    private PackageConstraint FewestCandidates(List<PackageConstraint> constraints)
    {
        PackageConstraint? next = null;
        int fewest = int.MaxValue;
        foreach (PackageConstraint constraint in constraints)
        {
            IReadOnlyList<PackageRecord> all = _universe.Candidates(constraint.Name)
                ?? throw ResolutionFailure.NothingProvides(_arch, constraint, new Chain(constraint, []), _universe);
            int count = Filter(all, constraint.Name, constraint.Version, null, constraint.Pin, null).Count;
            if (count == 0)
            {
                throw NoCandidateLeft(constraint, new Chain(constraint, []), all, null, constraint.Pin);
            }
            if (count < fewest)
            {
                next = constraint;
                fewest = count;
            }
        }
        return next!;
    }

    /// <summary>
    /// The best package for a world entry (its pin preferred, not merely allowed). A virtual that a package
    /// already chosen provides (at a satisfying version) is met by that package, as in apk: no second
    /// provider is added for it.
    /// </summary>
    private PackageRecord ResolveWorldEntry(PackageConstraint constraint, Chain chain, IEnumerable<PackageRecord> chosen)
    {
        IReadOnlyList<PackageRecord> all = _universe.Candidates(constraint.Name)
            ?? throw ResolutionFailure.NothingProvides(_arch, constraint, chain, _universe);
        List<PackageRecord> candidates = Filter(all, constraint.Name, constraint.Version, null, constraint.Pin, null);
        if (candidates.Count == 0)
        {
            throw NoCandidateLeft(constraint, chain, all, null, constraint.Pin);
        }
        foreach (PackageRecord package in chosen)
        {
            if (package.Name != constraint.Name && candidates.Contains(package))
            {
                return package;
            }
        }
        PackageRecord best = new CandidateRanking(_universe, constraint.Name, null, null, constraint.Pin).Best(candidates);
        _worldChosen.Add(best);
        return best;
    }

    /// <summary>
    /// apko's `filterPackages`: drops disqualified packages, packages of tagged repositories the constraint
    /// does not pin (unless that very package is already installed), and versions that do not satisfy.
    /// The version checked is the one the package carries for <paramref name="name"/>: its own version for
    /// its own name, else its provide of that name (apko also accepts a provider's own version, or any of
    /// its provides, which can pick a package that does not meet the dependency; see docs/resolver.md).
    /// </summary>
    private List<PackageRecord> Filter(IReadOnlyList<PackageRecord> all, string name, VersionConstraint version, string? allowPin,
        string? preferPin, PackageRecord? installed)
    {
        var result = new List<PackageRecord>();
        foreach (PackageRecord package in all)
        {
            if (_disqualified.ContainsKey(package))
            {
                continue;
            }
            if (package.Pin is not null && package.Pin != allowPin && package.Pin != preferPin
                && (installed is null || installed.PackageUrl != package.PackageUrl))
            {
                continue;
            }
            if (!version.IsVersioned)
            {
                result.Add(package);
                continue;
            }
            if (version.Version is null)
            {
                return [];
            }
            if (package.ParsedVersion is null)
            {
                continue;
            }
            if (Carries(package, name, version))
            {
                result.Add(package);
            }
        }
        return result;
    }

    /// <summary>True when <paramref name="package"/> has the name at a satisfying version, or a versioned provide of it that satisfies.</summary>
    private static bool Carries(PackageRecord package, string name, VersionConstraint version)
    {
        if (package.Name == name && version.IsSatisfiedBy(package.ParsedVersion))
        {
            return true;
        }
        foreach (PackageConstraint provide in package.Provides)
        {
            if (provide.Name == name && provide.Version.IsVersioned && version.IsSatisfiedBy(provide.Version.Version))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>apko's `constrain`: `!x` excludes x's providers; versioned constraints exclude what cannot satisfy them.</summary>
    private void Constrain(IReadOnlyList<PackageConstraint> constraints, Chain? chain)
    {
        foreach (PackageConstraint constraint in constraints)
        {
            if (constraint.IsConflict)
            {
                DisqualifyProviders(constraint, chain is { Packages.Count: > 0 } ? chain.Packages[^1] : null);
                continue;
            }
            if (!constraint.Version.IsVersioned || _universe.Candidates(constraint.Name) is not { } providers)
            {
                continue;
            }
            if (constraint.Version.Version is null)
            {
                throw Invalid(constraint);
            }
            foreach (PackageRecord provider in providers)
            {
                if (provider.Name == constraint.Name)
                {
                    if (provider.ParsedVersion is null)
                    {
                        _disqualified[provider] = $"its version \"{provider.Version}\" cannot be parsed";
                    }
                    else if (!constraint.IsSatisfiedBy(provider.ParsedVersion))
                    {
                        _disqualified[provider] = $"\"{provider.Version}\" does not satisfy \"{constraint.Text}\"{From(chain)}";
                    }
                    continue;
                }
                foreach (PackageConstraint provide in provider.Provides)
                {
                    // An unversioned provide cannot satisfy a versioned constraint, and must not disqualify either.
                    if (provide.Name != constraint.Name || !provide.Version.IsVersioned)
                    {
                        continue;
                    }
                    if (!constraint.IsSatisfiedBy(provide.Version.Version))
                    {
                        _disqualified[provider] = $"\"{provider.FileName}\" provides \"{provide.Text}\" which does not satisfy \"{constraint.Text}\"{From(chain)}";
                    }
                }
            }
        }
    }

    private static string From(Chain? chain) =>
        chain is { Packages.Count: > 0 } ? $" (required by {chain.Packages[^1]})" : " (in the world)";

    /// <summary>`!x`: x's providers are out, except <paramref name="owner"/> itself: a package's conflicts never exclude the package (apk).</summary>
    private void DisqualifyProviders(PackageConstraint conflict, PackageRecord? owner)
    {
        if (_universe.Candidates(conflict.Name) is not { } providers)
        {
            return;
        }
        foreach (PackageRecord package in Filter(providers, conflict.Name, conflict.Version, null, conflict.Pin, null))
        {
            if (!ReferenceEquals(package, owner))
            {
                _disqualified.TryAdd(package, "excluded by " + conflict.Text);
            }
        }
    }

    /// <summary>
    /// apko's `disqualifyConflicts`: once a package is chosen, rivals for the names it occupies are out. It
    /// occupies its own name and every name it provides with a version; an unversioned provide (a plain
    /// virtual) occupies nothing, so it never pushes out the real package of that name or another provider.
    /// Rivals for its own name are packages providing that name with a version (other versions of the
    /// same package are kept out by name already).
    /// </summary>
    private void DisqualifyConflicts(PackageRecord package)
    {
        if (_universe.Candidates(package.Name) is { } sameName)
        {
            foreach (PackageRecord rival in sameName)
            {
                if (rival.Name != package.Name && !_disqualified.ContainsKey(rival)
                    && rival.Provides.Any(p => p.Name == package.Name && p.Version.IsVersioned))
                {
                    Displace(rival, package, package.Name);
                }
            }
        }
        foreach (PackageConstraint provide in package.Provides)
        {
            if (!provide.Version.IsVersioned || _universe.Candidates(provide.Name) is not { } providers)
            {
                continue;
            }
            foreach (PackageRecord rival in providers)
            {
                if (ReferenceEquals(rival, package) || _disqualified.ContainsKey(rival) || !Occupies(rival, provide.Name))
                {
                    continue;
                }
                Displace(rival, package, provide.Name);
            }
        }
    }

    /// <summary>True when <paramref name="package"/> is named <paramref name="name"/> or provides it with a version.</summary>
    private static bool Occupies(PackageRecord package, string name) =>
        package.Name == name || package.Provides.Any(p => p.Name == name && p.Version.IsVersioned);

    private void Displace(PackageRecord rival, PackageRecord chosen, string name)
    {
        _disqualified[rival] = $"{chosen.FileName} already provides {name}";
        _displacedBy[rival] = chosen;
    }

    /// <summary>apko's `pick`: records a package (and its versioned provides) as the choice for its names.</summary>
    private void Pick(PackageRecord package, PackageConstraint constraint, Chain chain)
    {
        if (_selected.TryGetValue(package.Name, out PackageRecord? other))
        {
            if (ReferenceEquals(other, package))
            {
                return;
            }
            throw ResolutionFailure.PickConflict(_arch, constraint, chain, package, other, package.Name);
        }
        _selected[package.Name] = package;
        foreach (PackageConstraint provide in package.Provides)
        {
            if (_selected.TryGetValue(provide.Name, out other))
            {
                if (ReferenceEquals(other, package))
                {
                    continue;
                }
                throw ResolutionFailure.PickConflict(_arch, constraint, chain, package, other, provide.Name);
            }
            if (provide.Version.IsVersioned)
            {
                _selected[provide.Name] = package;
            }
        }
    }
}
