using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using Chain = ImageDsl.Apk.Solver.ResolutionFailure.Chain;

namespace ImageDsl.Apk.Solver;

/// <summary>install_if, and the checks every result must pass.</summary>
internal sealed partial class ResolutionRun
{
    /// <summary>
    /// Adds every package whose install_if entries are all met by <paramref name="closure"/> (by name, or
    /// name and version; `!name` entries by the name's absence), with its own dependencies, until nothing
    /// more qualifies. Unlike apko, the added package's dependencies are resolved too (so the set stays
    /// closed), and among several versions of one install_if package the best ranked wins rather than the
    /// first listed. A package whose dependencies cannot be met is skipped, as apk does: install_if
    /// never breaks a build.
    /// </summary>
    private void AddInstallIf(OrderedDictionary<string, PackageRecord> closure, List<PackageRecord> output, string? allowPin,
        Dictionary<string, PackageRecord> existing, Dictionary<string, string> origins, Chain chain)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (string trigger in closure.Keys.ToList())
            {
                foreach (PackageRecord candidate in _universe.InstallIfTriggeredBy(trigger))
                {
                    if (closure.ContainsKey(candidate.Name) || skipped.Contains(candidate.Name) || !Eligible(candidate, allowPin, closure, existing))
                    {
                        continue;
                    }
                    List<PackageRecord> rivals = _universe.Candidates(candidate.Name)!
                        .Where(p => p.Name == candidate.Name && p.InstallIf.Count > 0 && Eligible(p, allowPin, closure, existing)).ToList();
                    PackageRecord best = new CandidateRanking(_universe, candidate.Name, existing, origins, null).Best(rivals);
                    Chain here = new(chain.WorldEntry, [.. chain.Packages.Take(1), best]);
                    RunSnapshot before = Snapshot(existing, origins);
                    List<PackageRecord> dependencies;
                    try
                    {
                        DisqualifyConflicts(best);
                        dependencies = Dependencies(best, allowPin, [], existing, origins, here);
                    }
                    catch (Exception e) when (e is ImageDslException or ProviderRetry)
                    {
                        Restore(before, existing, origins);
                        skipped.Add(best.Name);
                        continue;
                    }
                    foreach (PackageRecord dependency in dependencies)
                    {
                        if (closure.TryAdd(dependency.Name, dependency))
                        {
                            output.Add(dependency);
                        }
                    }
                    closure[best.Name] = best;
                    output.Add(best);
                    _optional.Add(best);
                    existing[best.Name] = best;
                    foreach (PackageConstraint entry in best.InstallIf)
                    {
                        if (!entry.IsConflict)
                        {
                            AddEdge(closure[entry.Name], entry, best, ResolutionEdgeKind.InstallIf);
                        }
                    }
                    changed = true;
                }
            }
        }
    }

    /// <summary>True when every install_if entry of <paramref name="candidate"/> holds: positive ones in the closure, `!x` ones in neither the closure nor the rest of what is installed.</summary>
    private bool Eligible(PackageRecord candidate, string? allowPin, OrderedDictionary<string, PackageRecord> closure,
        Dictionary<string, PackageRecord> existing)
    {
        if (_disqualified.ContainsKey(candidate) || (candidate.Pin is not null && candidate.Pin != allowPin))
        {
            return false;
        }
        bool positive = false;
        foreach (PackageConstraint entry in candidate.InstallIf)
        {
            if (entry.IsConflict)
            {
                // apk: `!x` in install_if holds while nothing named x (or providing it with a version) is installed.
                if (closure.Values.Any(p => Occupies(p, entry.Name)) || existing.Values.Any(p => Occupies(p, entry.Name)))
                {
                    return false;
                }
                continue;
            }
            positive = true;
            if (!closure.TryGetValue(entry.Name, out PackageRecord? present)
                || (entry.Version.IsVersioned && !entry.IsSatisfiedBy(present.ParsedVersion)))
            {
                return false;
            }
        }
        // Only installed names trigger install_if, so a package with only `!x` entries is never added.
        return positive;
    }

    /// <summary>`!name` dependencies: fail when what they forbid ended up installed.</summary>
    private void CheckConflicts(OrderedDictionary<string, PackageRecord> installed)
    {
        foreach (var (conflict, by) in _conflicts)
        {
            string name = conflict.Name;
            if (installed.TryGetValue(name, out PackageRecord? present) && !ReferenceEquals(present, by)
                && (!conflict.Version.IsVersioned || conflict.IsSatisfiedBy(present.ParsedVersion)))
            {
                throw ResolutionFailure.ConflictInstalled(_arch, conflict, present, by.FileName);
            }
        }
    }

    /// <summary>Every dependency of every package must be met inside the set: a safety net over the walk above.</summary>
    private void CheckClosed(IReadOnlyList<PackageRecord> packages)
    {
        var byName = new Dictionary<string, List<(PackageRecord Package, VersionConstraint Provided)>>(StringComparer.Ordinal);
        foreach (PackageRecord p in packages)
        {
            Add(p.Name, p, null);
            foreach (PackageConstraint provide in p.Provides)
            {
                Add(provide.Name, p, provide.Version);
            }
        }
        foreach (PackageRecord p in packages)
        {
            foreach (PackageConstraint dependency in p.Dependencies)
            {
                if (dependency.IsConflict || Met(dependency))
                {
                    continue;
                }
                throw new ImageDslException(ErrorKind.Resolution,
                    $"for arch \"{_arch}\": the resolved set is not closed: {p.FileName} needs \"{dependency.Text}\", which no selected package satisfies",
                    "Two constraints pulled different versions of one package. Pin the package in `contents.packages`, and please report this case.");
            }
        }

        void Add(string name, PackageRecord p, VersionConstraint? provided)
        {
            if (!byName.TryGetValue(name, out var list))
            {
                byName[name] = list = new();
            }
            list.Add((p, provided ?? VersionConstraint.Any));
        }

        bool Met(PackageConstraint dependency)
        {
            if (!byName.TryGetValue(dependency.Name, out var providers))
            {
                return false;
            }
            foreach (var (package, provided) in providers)
            {
                ApkVersion? version = package.Name == dependency.Name ? package.ParsedVersion : provided.Version;
                bool unversionedVirtual = package.Name != dependency.Name && !provided.IsVersioned;
                if (!dependency.Version.IsVersioned || (!unversionedVirtual && dependency.IsSatisfiedBy(version)))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
