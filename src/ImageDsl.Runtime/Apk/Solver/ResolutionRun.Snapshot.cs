using ImageDsl.Apk.Index;

namespace ImageDsl.Apk.Solver;

/// <summary>Saving and restoring a run's state, so an install_if package that cannot be installed leaves no trace.</summary>
internal sealed partial class ResolutionRun
{
    private sealed record RunSnapshot(
        Dictionary<PackageRecord, string> Disqualified,
        Dictionary<PackageRecord, PackageRecord> DisplacedBy,
        HashSet<PackageRecord> Optional,
        Dictionary<string, PackageRecord> Selected,
        int Edges,
        int Conflicts,
        Dictionary<string, PackageRecord> Existing,
        Dictionary<string, string> Origins);

    private RunSnapshot Snapshot(Dictionary<string, PackageRecord> existing, Dictionary<string, string> origins) => new(
        new(_disqualified, ReferenceEqualityComparer.Instance),
        new(_displacedBy, ReferenceEqualityComparer.Instance),
        new(_optional, ReferenceEqualityComparer.Instance),
        new(_selected, StringComparer.Ordinal),
        _edges.Count,
        _conflicts.Count,
        new(existing, StringComparer.Ordinal),
        new(origins, StringComparer.Ordinal));

    private void Restore(RunSnapshot snapshot, Dictionary<string, PackageRecord> existing, Dictionary<string, string> origins)
    {
        Refill(_disqualified, snapshot.Disqualified);
        Refill(_displacedBy, snapshot.DisplacedBy);
        Refill(_selected, snapshot.Selected);
        _optional.Clear();
        _optional.UnionWith(snapshot.Optional);
        foreach (ResolutionEdge edge in _edges.Skip(snapshot.Edges))
        {
            _edgeKeys.Remove((edge.Parent, edge.Constraint.Text, edge.Package));
        }
        _edges.RemoveRange(snapshot.Edges, _edges.Count - snapshot.Edges);
        _conflicts.RemoveRange(snapshot.Conflicts, _conflicts.Count - snapshot.Conflicts);
        Refill(existing, snapshot.Existing);
        Refill(origins, snapshot.Origins);
    }

    private static void Refill<TKey, TValue>(Dictionary<TKey, TValue> target, Dictionary<TKey, TValue> source) where TKey : notnull
    {
        target.Clear();
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }
}
