using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;
using ImageDsl.Errors;
using ImageDsl.Rules;

namespace ImageDsl.Apk.Solver;

/// <summary>
/// Resolves a world (`contents.packages`) against one arch's indexes into an install order, the way
/// apko does (see docs/resolver.md for the rules and every deliberate difference). Deterministic: the
/// same indexes and world give the same list on every run. Failures are
/// <see cref="ImageDslException"/>s of kind <see cref="ErrorKind.Resolution"/> that name the unmet
/// constraint, the chain that required it and why each candidate was rejected.
/// </summary>
public sealed class Resolver
{
    private readonly PackageUniverse _universe;

    /// <summary>Creates a resolver over <paramref name="indexes"/> (earlier indexes win exact ties).</summary>
    /// <param name="arch">The apk arch the indexes are for (`x86_64`, `aarch64`...), used in messages.</param>
    /// <param name="indexes">The indexes of every build repository for that arch.</param>
    public Resolver(string arch, IEnumerable<ApkIndex> indexes)
    {
        Arch = arch;
        _universe = new PackageUniverse(indexes);
    }

    /// <summary>The apk arch.</summary>
    public string Arch { get; }

    /// <summary>Every package the indexes offer, in index order.</summary>
    public IReadOnlyList<PackageRecord> Packages => _universe.All;

    /// <summary>Resolves <paramref name="world"/> (constraints such as `nginx`, `busybox>=1.35`, `curl@edge`, `!musl`).</summary>
    public Resolution Resolve(IEnumerable<string> world) => Resolve(world, null);

    /// <summary>
    /// Resolves <paramref name="world"/> for several arches at once. With two or more arches, a package
    /// whose name and version is missing from another arch's indexes is disqualified (apko #1180), so
    /// every arch gets the same versions where it can.
    /// </summary>
    /// <param name="world">The world constraints.</param>
    /// <param name="indexesByArch">Each arch (apk name) with its indexes, in the order results are wanted.</param>
    public static IReadOnlyList<Resolution> ResolveAll(IEnumerable<string> world, IReadOnlyList<(string Arch, IReadOnlyList<ApkIndex> Indexes)> indexesByArch)
    {
        List<string> entries = world.ToList();
        var resolvers = indexesByArch.Select(a => new Resolver(a.Arch, a.Indexes)).ToList();
        var results = new List<Resolution>();
        foreach (Resolver resolver in resolvers)
        {
            results.Add(resolver.Resolve(entries, CrossArchDisqualifications(resolver, resolvers)));
        }
        return results;
    }

    private Resolution Resolve(IEnumerable<string> world, IReadOnlyDictionary<PackageRecord, string>? disqualified)
    {
        var constraints = new List<PackageConstraint>();
        foreach (string entry in world)
        {
            if (!PackageConstraintSyntax.TryParse(entry, out _, out string error))
            {
                throw new ImageDslException(ErrorKind.Configuration, $"package constraint {error}",
                    "Write name, name=version, name>=version, name~version, name@tag or !name.");
            }
            constraints.Add(PackageConstraint.Parse(entry));
        }
        // Each rerun leaves out one more package, so this ends; the bound only caps the cost of odd indexes.
        // When every rerun fails too, the first run's failure is reported: it names the original problem.
        var excluded = new Dictionary<PackageRecord, string>(disqualified ?? new Dictionary<PackageRecord, string>(), ReferenceEqualityComparer.Instance);
        ImageDslException? first = null;
        for (int run = 1; ; run++)
        {
            try
            {
                return new ResolutionRun(_universe, Arch, excluded).Run(constraints);
            }
            catch (ProviderRetry retry)
            {
                first ??= retry.Failure;
                if (run >= MaxRuns || !excluded.TryAdd(retry.Package, retry.Reason))
                {
                    throw first;
                }
            }
            catch (ImageDslException) when (first is not null)
            {
                throw first;
            }
        }
    }

    private const int MaxRuns = 16;

    /// <summary>Packages of <paramref name="resolver"/> whose name-version another arch lacks, with the first such arch (sorted) as the reason.</summary>
    private static Dictionary<PackageRecord, string>? CrossArchDisqualifications(Resolver resolver, IReadOnlyList<Resolver> all)
    {
        if (all.Count < 2)
        {
            return null;
        }
        var others = all.Where(r => !ReferenceEquals(r, resolver)).OrderBy(r => r.Arch, StringComparer.Ordinal)
            .Select(r => (r.Arch, Set: r.Packages.Select(p => (p.Name, p.Version)).ToHashSet())).ToList();
        var result = new Dictionary<PackageRecord, string>(ReferenceEqualityComparer.Instance);
        foreach (PackageRecord package in resolver.Packages)
        {
            foreach (var (arch, set) in others)
            {
                if (!set.Contains((package.Name, package.Version)))
                {
                    result[package] = $"package \"{package.FileName}\" not available for arch \"{arch}\"";
                    break;
                }
            }
        }
        return result;
    }
}
