using ImageDsl.Apk.Index;

namespace ImageDsl.Apk.Solver;

/// <summary>
/// Every package one arch's indexes offer, looked up by name or provided name (apko's `nameMap`) and
/// by install_if trigger. Lists keep index order, so ties resolve the same way on every run.
/// </summary>
internal sealed class PackageUniverse
{
    private readonly Dictionary<string, List<PackageRecord>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PackageRecord>> _byInstallIfTrigger = new(StringComparer.Ordinal);
    private readonly Dictionary<PackageRecord, int> _sequence = new(ReferenceEqualityComparer.Instance);
    private readonly List<PackageRecord> _all = new();

    public PackageUniverse(IEnumerable<ApkIndex> indexes)
    {
        foreach (ApkIndex index in indexes)
        {
            foreach (PackageRecord package in index.Packages)
            {
                _sequence[package] = _all.Count;
                _all.Add(package);
                Add(_byName, package.Name, package);
                foreach (var trigger in package.InstallIf)
                {
                    Add(_byInstallIfTrigger, trigger.Name, package);
                }
            }
        }
        // Providers come after the packages carrying the name itself, as in apko.
        foreach (PackageRecord package in _all)
        {
            foreach (var provide in package.Provides)
            {
                if (provide.Name != package.Name)
                {
                    Add(_byName, provide.Name, package);
                }
            }
        }
    }

    /// <summary>All packages, in index order.</summary>
    public IReadOnlyList<PackageRecord> All => _all;

    /// <summary>Packages named <paramref name="name"/> or providing it; null when there are none.</summary>
    public IReadOnlyList<PackageRecord>? Candidates(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Packages with an install_if entry naming <paramref name="name"/>.</summary>
    public IReadOnlyList<PackageRecord> InstallIfTriggeredBy(string name) =>
        _byInstallIfTrigger.TryGetValue(name, out var list) ? list : [];

    /// <summary>The position of a package in index order (the last tie-break).</summary>
    public int Sequence(PackageRecord package) => _sequence[package];

    /// <summary>Every package name known (for "did you mean" hints).</summary>
    public IEnumerable<string> Names => _byName.Keys;

    private static void Add(Dictionary<string, List<PackageRecord>> map, string key, PackageRecord package)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<PackageRecord>(1);
        }
        list.Add(package);
    }
}
