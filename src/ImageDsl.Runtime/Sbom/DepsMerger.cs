namespace ImageDsl.Sbom;

/// <summary>
/// Merges the deps files of one package: a library listed by several (two apps sharing a package) appears
/// once, matched as NuGet matches ids and versions (case-insensitively), spelt as first seen in path order.
/// </summary>
internal sealed class DepsMerger
{
    private static readonly StringComparer Keys = StringComparer.OrdinalIgnoreCase;

    private readonly List<string> _files = [];
    private readonly Dictionary<string, NuGetLibrary> _libraries = new(Keys);
    private readonly Dictionary<string, SortedSet<string>> _dependsOn = new(Keys);
    private readonly Dictionary<string, SortedSet<string>> _listedIn = new(Keys);
    private readonly SortedSet<string> _direct = new(StringComparer.Ordinal);

    /// <summary>The distinct libraries so far.</summary>
    public int LibraryCount => _libraries.Count;

    /// <summary>The distinct dependency edges so far (library to library, and app to library).</summary>
    public int EdgeCount { get; private set; }

    /// <summary>Adds one parsed file.</summary>
    public void Add(string path, DepsJsonFile file)
    {
        _files.Add(path);
        foreach (NuGetLibrary library in file.Libraries)
        {
            if (_libraries.TryAdd(library.Key, library))
            {
                _dependsOn[library.Key] = new SortedSet<string>(StringComparer.Ordinal);
                _listedIn[library.Key] = new SortedSet<string>(StringComparer.Ordinal);
            }
            _listedIn[library.Key].Add(path);
        }
        foreach ((string from, string to) in file.Edges)
        {
            string target = _libraries[to].Key;
            if (_libraries.TryGetValue(from, out NuGetLibrary? source))
            {
                if (!Keys.Equals(source.Key, target))
                {
                    EdgeCount += _dependsOn[source.Key].Add(target) ? 1 : 0;
                }
            }
            else if (file.AppLibraries.Contains(from))
            {
                EdgeCount += _direct.Add(target) ? 1 : 0;
            }
        }
    }

    /// <summary>The merged dependencies, or null when no file was read.</summary>
    public NuGetDependencies? Result()
    {
        if (_files.Count == 0)
        {
            return null;
        }
        // A library nothing reaches from the app (a self-contained app's runtime pack, which the host
        // loads rather than the app referencing it) is still the app's: it hangs off the app directly.
        var reached = new HashSet<string>(Keys);
        var pending = new Stack<string>(_direct);
        while (pending.TryPop(out string? key))
        {
            if (reached.Add(key))
            {
                foreach (string next in _dependsOn[key])
                {
                    pending.Push(next);
                }
            }
        }
        foreach (string key in _libraries.Values.Select(l => l.Key).Where(k => !reached.Contains(k)))
        {
            _direct.Add(key);
        }
        List<NuGetLibrary> libraries = Ordered(_libraries.Values)
            .Select(l => l with { DependsOn = Sorted(_dependsOn[l.Key]), DepsFiles = [.. _listedIn[l.Key]] })
            .ToList();
        return new NuGetDependencies([.. _files.Order(StringComparer.Ordinal)], libraries, Sorted(_direct));
    }

    /// <summary>Keys in the libraries' order (by name, then version), not the keys' own: `A.B/1` would sort before `A/1`.</summary>
    private List<string> Sorted(IEnumerable<string> keys) => [.. Ordered(keys.Select(k => _libraries[k])).Select(l => l.Key)];

    private static IEnumerable<NuGetLibrary> Ordered(IEnumerable<NuGetLibrary> libraries) => libraries
        .OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
        .ThenBy(l => l.Name, StringComparer.Ordinal)
        .ThenBy(l => l.Version, StringComparer.Ordinal);
}
