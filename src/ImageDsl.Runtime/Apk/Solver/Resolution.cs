using ImageDsl.Apk.Index;
using ImageDsl.Apk.Versions;

namespace ImageDsl.Apk.Solver;

/// <summary>Why a package is in a resolution.</summary>
public enum ResolutionEdgeKind
{
    /// <summary>A world constraint asked for it.</summary>
    World,

    /// <summary>A package depends on it.</summary>
    Dependency,

    /// <summary>Its install_if condition holds (the parent is one of the packages that triggered it).</summary>
    InstallIf,
}

/// <summary>One reason a package is installed: <paramref name="Parent"/> (null for the world) needed <paramref name="Constraint"/>, met by <paramref name="Package"/>.</summary>
/// <param name="Parent">The package that needed it, or null for the world.</param>
/// <param name="Constraint">The dependency, world entry or install_if entry.</param>
/// <param name="Package">The package that met it.</param>
/// <param name="Kind">The kind of reason.</param>
public sealed record ResolutionEdge(PackageRecord? Parent, PackageConstraint Constraint, PackageRecord Package, ResolutionEdgeKind Kind);

/// <summary>The packages one arch installs, in install order (dependencies before dependants), and why.</summary>
public sealed class Resolution
{
    private readonly Dictionary<string, PackageRecord> _byName;

    internal Resolution(string arch, IReadOnlyList<PackageConstraint> world, IReadOnlyList<PackageRecord> packages,
        IReadOnlyList<ResolutionEdge> edges, IReadOnlyList<PackageConstraint> conflicts)
    {
        Arch = arch;
        World = world;
        Packages = packages;
        Edges = edges;
        Conflicts = conflicts;
        _byName = packages.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The apk arch (`x86_64`...).</summary>
    public string Arch { get; }

    /// <summary>The world constraints, in the order they were resolved.</summary>
    public IReadOnlyList<PackageConstraint> World { get; }

    /// <summary>The packages in install order (= installed-database order); names are unique.</summary>
    public IReadOnlyList<PackageRecord> Packages { get; }

    /// <summary>Every reason recorded during resolution (world, dependency and install_if edges).</summary>
    public IReadOnlyList<ResolutionEdge> Edges { get; }

    /// <summary>`!name` entries met along the way; none of them is installed.</summary>
    public IReadOnlyList<PackageConstraint> Conflicts { get; }

    /// <summary>The installed package named <paramref name="name"/>, or null.</summary>
    public PackageRecord? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The shortest chain of edges from the world to <paramref name="package"/> (world edge first), or an
    /// empty list when the package is not installed.
    /// </summary>
    public IReadOnlyList<ResolutionEdge> ChainTo(PackageRecord package)
    {
        // Breadth-first from the world, so the chain is the shortest; edges are visited in recorded order.
        var via = new Dictionary<PackageRecord, ResolutionEdge>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<PackageRecord>();
        foreach (ResolutionEdge edge in Edges.Where(e => e.Parent is null))
        {
            if (via.TryAdd(edge.Package, edge))
            {
                queue.Enqueue(edge.Package);
            }
        }
        var children = new Dictionary<PackageRecord, List<ResolutionEdge>>(ReferenceEqualityComparer.Instance);
        foreach (ResolutionEdge edge in Edges)
        {
            if (edge.Parent is not null)
            {
                if (!children.TryGetValue(edge.Parent, out var list))
                {
                    children[edge.Parent] = list = new List<ResolutionEdge>();
                }
                list.Add(edge);
            }
        }
        while (queue.Count > 0)
        {
            PackageRecord current = queue.Dequeue();
            foreach (ResolutionEdge edge in children.GetValueOrDefault(current) ?? [])
            {
                if (via.TryAdd(edge.Package, edge))
                {
                    queue.Enqueue(edge.Package);
                }
            }
        }
        var chain = new List<ResolutionEdge>();
        for (PackageRecord? at = package; at is not null && via.TryGetValue(at, out ResolutionEdge? edge);)
        {
            chain.Add(edge);
            at = edge.Parent;
            if (chain.Count > Packages.Count)
            {
                break;
            }
        }
        chain.Reverse();
        return chain;
    }
}
