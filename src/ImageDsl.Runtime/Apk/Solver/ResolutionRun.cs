using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using Chain = ImageDsl.Apk.Solver.ResolutionFailure.Chain;

namespace ImageDsl.Apk.Solver;

/// <summary>
/// One resolution of a world against one arch's packages, following apko's `PkgResolver` step by step:
/// constrain, pick world packages by fewest candidates, then a depth-first walk per world entry that
/// appends children before parents, then install_if. Map-order choices apko leaves to chance are made
/// in index and constraint order here. State (disqualifications, picks) lives for one run.
/// </summary>
internal sealed partial class ResolutionRun
{
    private readonly PackageUniverse _universe;
    private readonly string _arch;
    private readonly Dictionary<PackageRecord, string> _disqualified = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, PackageRecord> _selected = new(StringComparer.Ordinal);
    private readonly List<ResolutionEdge> _edges = new();
    private readonly HashSet<(PackageRecord?, string, PackageRecord)> _edgeKeys = new();
    private readonly List<(PackageConstraint Conflict, PackageRecord By)> _conflicts = new();
    private readonly HashSet<PackageRecord> _worldChosen = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PackageRecord> _optional = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PackageRecord, PackageRecord> _displacedBy = new(ReferenceEqualityComparer.Instance);

    public ResolutionRun(PackageUniverse universe, string arch, IReadOnlyDictionary<PackageRecord, string>? disqualified)
    {
        _universe = universe;
        _arch = arch;
        foreach (var (package, reason) in disqualified ?? new Dictionary<PackageRecord, string>())
        {
            _disqualified[package] = reason;
        }
    }

    public Resolution Run(IReadOnlyList<PackageConstraint> world)
    {
        List<PackageConstraint> wanted = world.Where(c => !c.IsConflict).ToList();
        Constrain(world, null);

        // Pick the world's packages, hardest (fewest candidates) first.
        var picked = new OrderedDictionary<string, PackageRecord>(StringComparer.Ordinal);
        var remaining = new List<PackageConstraint>(wanted);
        while (remaining.Count > 0)
        {
            PackageConstraint next = FewestCandidates(remaining);
            PackageRecord package = ResolveWorldEntry(next, new Chain(next, []), picked.Values);
            picked[package.Name] = package;
            remaining.RemoveAll(c => c.Text == next.Text);
            DisqualifyConflicts(package);
        }

        var order = new List<PackageRecord>();
        var installed = new OrderedDictionary<string, PackageRecord>(StringComparer.Ordinal);
        foreach (PackageConstraint entry in wanted)
        {
            var (package, dependencies) = WithDependencies(entry, picked);
            foreach (PackageRecord p in (IEnumerable<PackageRecord>)[.. dependencies, package])
            {
                if (installed.TryAdd(p.Name, p))
                {
                    order.Add(p);
                }
                picked.TryAdd(p.Name, p);
            }
        }

        // apk evaluates install_if against everything installed; apko only per world entry. Catch the rest.
        var existing = new Dictionary<string, PackageRecord>(installed, StringComparer.Ordinal);
        var origins = Origins(installed.Values);
        var added = new List<PackageRecord>();
        AddInstallIf(installed, added, allowPin: null, existing, origins, new Chain(null, []));
        order.AddRange(added.Where(p => !order.Contains(p)));

        var edges = _edges.Where(e => installed.TryGetValue(e.Package.Name, out var p) && ReferenceEquals(p, e.Package)
            && (e.Parent is null || (installed.TryGetValue(e.Parent.Name, out var q) && ReferenceEquals(q, e.Parent)))).ToList();
        CheckConflicts(installed);
        CheckClosed(order);
        var conflicts = _conflicts.Select(c => c.Conflict).DistinctBy(c => c.Text).ToList();
        return new Resolution(_arch, world, order, edges, [.. world.Where(c => c.IsConflict), .. conflicts]);
    }

    /// <summary>apko's `GetPackageWithDependencies`: one world entry's package, its closure and its install_if additions.</summary>
    private (PackageRecord Package, List<PackageRecord> Dependencies) WithDependencies(
        PackageConstraint entry, OrderedDictionary<string, PackageRecord> picked)
    {
        var existing = new Dictionary<string, PackageRecord>(picked, StringComparer.Ordinal);
        Dictionary<string, string> origins = Origins(picked.Values);
        PackageRecord package = ResolveWorldEntry(entry, new Chain(entry, []), picked.Values);
        AddEdge(null, entry, package, ResolutionEdgeKind.World);
        Chain chain = new Chain(entry, [package]);
        List<PackageRecord> walked = Dependencies(package, entry.Pin, [], existing, origins, chain);

        var closure = new OrderedDictionary<string, PackageRecord>(StringComparer.Ordinal);
        var dependencies = new List<PackageRecord>();
        foreach (PackageRecord dependency in walked)
        {
            if (closure.TryAdd(dependency.Name, dependency))
            {
                dependencies.Add(dependency);
            }
        }
        // apko matches install_if against the dependencies only; the world package itself counts here too.
        closure.TryAdd(package.Name, package);
        AddInstallIf(closure, dependencies, entry.Pin, existing, origins, chain);
        return (package, dependencies);
    }

    /// <summary>apko's `getPackageDependencies`: depth-first, fewest candidates first, children before the parent.</summary>
    private List<PackageRecord> Dependencies(PackageRecord package, string? allowPin, HashSet<string> parents,
        Dictionary<string, PackageRecord> existing, Dictionary<string, string> origins, Chain chain)
    {
        var result = new List<PackageRecord>();
        if (parents.Contains(package.Name))
        {
            return result; // a dependency cycle: the ancestor is already being installed
        }
        var ownNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (PackageConstraint provide in package.Provides)
        {
            ownNames.Add(provide.Text);
            ownNames.Add(provide.Name);
        }
        Constrain(package.Dependencies, chain);
        List<PackageConstraint> constraints = package.Dependencies.ToList();
        while (constraints.Count > 0)
        {
            var options = new List<(PackageConstraint Dependency, List<PackageRecord> Candidates)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (PackageConstraint dependency in constraints)
            {
                if (!seen.Add(dependency.Text))
                {
                    continue;
                }
                if (dependency.IsConflict)
                {
                    _conflicts.Add((dependency, package));
                    continue;
                }
                List<PackageRecord>? candidates = Options(package, dependency, ownNames, allowPin, existing, chain);
                if (candidates is not null)
                {
                    options.Add((dependency, candidates));
                }
            }
            if (options.Count == 0)
            {
                break;
            }
            var (lowest, lowestCandidates) = options[0];
            foreach (var option in options.Skip(1))
            {
                if (option.Candidates.Count < lowestCandidates.Count ||
                    (option.Candidates.Count == lowestCandidates.Count && string.CompareOrdinal(option.Dependency.Text, lowest.Text) < 0))
                {
                    (lowest, lowestCandidates) = option;
                }
            }
            constraints = options.Select(o => o.Dependency).Where(d => !ReferenceEquals(d, lowest)).ToList();

            PackageRecord best = new CandidateRanking(_universe, lowest.Name, existing, origins, pin: null).Best(lowestCandidates);
            if (lowestCandidates.Count > 1)
            {
                _optional.Add(best); // a choice among several: another run may choose differently
            }
            DisqualifyConflicts(best);
            Pick(package, lowest, chain);
            AddEdge(package, lowest, best, ResolutionEdgeKind.Dependency);
            var childParents = new HashSet<string>(parents, StringComparer.Ordinal) { package.Name };
            List<PackageRecord> children = Dependencies(best, allowPin, childParents, existing, origins, chain.Then(best));
            result.AddRange(children);
            result.Add(best);
            foreach (PackageRecord child in children)
            {
                existing[child.Name] = child;
                if (child.Origin.Length > 0)
                {
                    origins[child.Origin] = child.Version;
                }
            }
        }
        return result;
    }

    /// <summary>The candidates for one dependency, or null when it is already met (by the package itself or an earlier pick).</summary>
    private List<PackageRecord>? Options(PackageRecord package, PackageConstraint dependency, HashSet<string> ownNames,
        string? allowPin, Dictionary<string, PackageRecord> existing, Chain chain)
    {
        if (ownNames.Contains(dependency.Name) || ownNames.Contains(dependency.Text))
        {
            return null;
        }
        if (package.Name == dependency.Name && package.ParsedVersion is not null
            && (!dependency.Version.IsVersioned || dependency.Version.Version is not null)
            && dependency.IsSatisfiedBy(package.ParsedVersion))
        {
            return null;
        }
        if (_selected.TryGetValue(dependency.Name, out PackageRecord? chosen))
        {
            AddEdge(package, dependency, chosen, ResolutionEdgeKind.Dependency);
            if (!dependency.Version.IsVersioned || dependency.IsSatisfiedBy(chosen.ParsedVersion)
                || chosen.Provides.Any(p => p.Name == dependency.Name && p.Version.IsVersioned && dependency.IsSatisfiedBy(p.Version.Version)))
            {
                return null;
            }
            throw ResolutionFailure.AlreadySelected(_arch, dependency, chain, chosen);
        }
        IReadOnlyList<PackageRecord> all = _universe.Candidates(dependency.Name)
            ?? throw ResolutionFailure.NothingProvides(_arch, dependency, chain, _universe);
        List<PackageRecord> candidates = Filter(all, dependency.Name, dependency.Version, allowPin, preferPin: null, existing.GetValueOrDefault(dependency.Name));
        if (candidates.Count == 0)
        {
            throw NoCandidateLeft(dependency, chain, all, allowPin, null);
        }
        return candidates;
    }

    private static Dictionary<string, string> Origins(IEnumerable<PackageRecord> packages)
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PackageRecord p in packages)
        {
            if (p.Origin.Length > 0)
            {
                origins[p.Origin] = p.Version;
            }
        }
        return origins;
    }

    /// <summary>
    /// The "no candidate" failure, or, when a candidate was pushed out only because a package chosen
    /// for a dependency (not for a world entry) took its name, a <see cref="ProviderRetry"/> that
    /// reruns the resolution without that package: apk keeps one provider per name and picks the one
    /// that satisfies everybody, where a greedy walk would otherwise fail on its first choice. Only
    /// packages chosen among several candidates, or added by install_if, are left out this way.
    /// </summary>
    private Exception NoCandidateLeft(PackageConstraint constraint, Chain chain, IReadOnlyList<PackageRecord> all, string? allowPin, string? preferPin)
    {
        ImageDslException failure = ResolutionFailure.NoCandidateLeft(_arch, constraint, chain, all, _disqualified, allowPin, preferPin);
        foreach (PackageRecord candidate in all)
        {
            if (_displacedBy.TryGetValue(candidate, out PackageRecord? chooser) && !_worldChosen.Contains(chooser) && _optional.Contains(chooser)
                && (!constraint.Version.IsVersioned || Carries(candidate, constraint.Name, constraint.Version)))
            {
                return new ProviderRetry(chooser, $"left out so that {candidate.FileName} can provide what {chooser.Name} did", failure);
            }
        }
        return failure;
    }

    private void AddEdge(PackageRecord? parent, PackageConstraint constraint, PackageRecord package, ResolutionEdgeKind kind)
    {
        if (_edgeKeys.Add((parent, constraint.Text, package)))
        {
            _edges.Add(new ResolutionEdge(parent, constraint, package, kind));
        }
    }

    private ImageDslException Invalid(PackageConstraint constraint) =>
        new(ErrorKind.Resolution, $"for arch \"{_arch}\": constraint \"{constraint.Text}\" has the version \"{constraint.Version.VersionText}\", which is not an apk version",
            "Write versions like 1.2.3-r0, 2.0_rc1 or 1.7b.");
}
