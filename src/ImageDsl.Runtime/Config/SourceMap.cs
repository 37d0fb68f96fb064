namespace ImageDsl.Config;

/// <summary>
/// The locations of the values of one configuration, by member path. A path without a recorded location
/// falls back to its nearest recorded parent, and finally to the start of the main file.
/// </summary>
public sealed class SourceMap : IConfigurationLocator
{
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    /// <summary>Creates an empty map whose root is <paramref name="root"/> (the start of the main file).</summary>
    public SourceMap(SourceLocation root) => Root = root;

    /// <summary>Where paths with no recorded location point.</summary>
    public SourceLocation Root { get; }

    /// <summary>Every recorded path and location.</summary>
    public IReadOnlyDictionary<string, SourceLocation> Entries => _locations;

    /// <summary>Records the location of the value at <paramref name="path"/>.</summary>
    public void Set(string path, SourceLocation location) => _locations[path] = location;

    /// <summary>True when a location is recorded for exactly <paramref name="path"/>.</summary>
    public bool Contains(string path) => _locations.ContainsKey(path);

    /// <inheritdoc />
    public SourceLocation Locate(string memberPath)
    {
        for (string path = memberPath; ; path = MemberPath.Parent(path))
        {
            if (_locations.TryGetValue(path, out SourceLocation location))
            {
                return location;
            }
            if (path.Length == 0)
            {
                return Root;
            }
        }
    }

    /// <summary>
    /// Copies every location at or below <paramref name="from"/> in <paramref name="source"/> to this map,
    /// rewriting the prefix to <paramref name="to"/> (used when merging lists shifts indexes).
    /// </summary>
    public void CopySubtree(SourceMap source, string from, string to)
    {
        foreach (var (path, location) in source._locations)
        {
            if (MemberPath.IsWithin(path, from))
            {
                _locations[to + path[from.Length..]] = location;
            }
        }
    }
}
