using System.Text;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Oci;

/// <summary>
/// `layering: {strategy: origin, budget: N}` as apko does it (`apko-behaviour.md` §5.5): packages
/// grouped by origin (and by `replaces`), groups ordered by installed size, at most N group layers
/// (the smallest merged), plus a top layer with everything no group owns.
/// </summary>
public static class OriginLayering
{
    private const string InstalledDatabase = "usr/lib/apk/db/installed";

    /// <summary>True when <paramref name="layering"/> asks for origin layering (null or `{}` means one layer).</summary>
    public static bool IsRequested(ImageLayering? layering)
    {
        if (layering is null || (string.IsNullOrEmpty(layering.Strategy) && layering.Budget == 0))
        {
            return false;
        }
        if (layering.Strategy != ImageLayering.Origin)
        {
            throw new ImageDslException(ErrorKind.Configuration,
                $"unknown layering strategy '{layering.Strategy}'", "the only strategy is 'origin'");
        }
        return true;
    }

    /// <summary>
    /// The package groups in layer order (each sorted by name). <paramref name="versionSatisfies"/>
    /// decides whether a version meets a `replaces` constraint such as `>=1.2`; without it any
    /// version does.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<LayerPackage>> Group(
        IReadOnlyList<LayerPackage> packages,
        int budget,
        Func<string, string, bool>? versionSatisfies = null)
    {
        var byName = new Dictionary<string, LayerPackage>(StringComparer.Ordinal);
        foreach (LayerPackage package in packages)
        {
            byName.TryAdd(package.Name, package);
        }
        var parent = byName.Keys.ToDictionary(n => n, n => n, StringComparer.Ordinal);
        string Find(string name)
        {
            while (parent[name] != name)
            {
                name = parent[name] = parent[parent[name]];
            }
            return name;
        }
        void Union(string a, string b) => parent[Find(a)] = Find(b);

        foreach (var sameOrigin in byName.Values.GroupBy(p => p.Origin.Length > 0 ? p.Origin : p.Name, StringComparer.Ordinal))
        {
            string first = sameOrigin.First().Name;
            foreach (LayerPackage package in sameOrigin)
            {
                Union(package.Name, first);
            }
        }
        foreach (LayerPackage package in byName.Values)
        {
            foreach (string replaces in package.Replaces)
            {
                int cut = replaces.IndexOfAny(['<', '>', '=', '~']);
                string name = cut < 0 ? replaces : replaces[..cut];
                if (byName.TryGetValue(name, out LayerPackage? replaced)
                    && (cut < 0 || versionSatisfies is null || versionSatisfies(replaced.Version, replaces[cut..])))
                {
                    Union(package.Name, name);
                }
            }
        }

        var groups = byName.Values
            .GroupBy(p => Find(p.Name), StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Name, StringComparer.Ordinal).ToList())
            .OrderByDescending(g => g.Sum(p => p.InstalledSize))
            .ThenBy(g => g[^1].Name, StringComparer.Ordinal)
            .ToList();
        if (groups.Count > budget)
        {
            int keep = Math.Max(budget - 1, 0);
            var rest = groups.Skip(keep).SelectMany(g => g).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            groups = [.. groups.Take(keep), rest];
        }
        return groups;
    }

    /// <summary>Writes the group layers, then the top layer; returns them in manifest order.</summary>
    public static IReadOnlyList<LayerBlob> WriteLayers(
        FileTree tree,
        IReadOnlyList<LayerPackage> packages,
        int budget,
        BlobStore store,
        CancellationToken cancellationToken = default,
        Func<string, string, bool>? versionSatisfies = null,
        LayerCompression? compression = null,
        LayerCache? cache = null)
    {
        compression ??= LayerCompression.Gzip;
        IReadOnlyList<IReadOnlyList<LayerPackage>> groups = Group(packages, budget, versionSatisfies);
        List<LayerEntry>[] plan = Plan(tree, groups);
        // Layers are independent: write them on every core (each also compresses its chunks on the
        // pool). The tree is only read here, file bodies are read by position, and blobs land under
        // unique temporary names, so the result is the same.
        try
        {
            return plan.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
                .WithCancellation(cancellationToken)
                .Select(entries => LayerWriter.WriteEntries(tree, entries, store, compression, cache, cancellationToken))
                .ToArray();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw; // unreachable
        }
    }

    /// <summary>The entries of each layer: one list per group, then the top layer.</summary>
    internal static List<LayerEntry>[] Plan(FileTree tree, IReadOnlyList<IReadOnlyList<LayerPackage>> groups)
    {
        var layers = Enumerable.Range(0, groups.Count + 1).Select(_ => new List<LayerEntry>()).ToArray();
        var openDirectories = Enumerable.Range(0, groups.Count).Select(_ => new List<string>()).ToArray();
        var layerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < groups.Count; i++)
        {
            foreach (LayerPackage package in groups[i])
            {
                layerOf[package.Name] = i;
            }
        }
        int top = groups.Count;
        foreach (FileTreeEntry entry in tree.Walk())
        {
            FileNode node = entry.Node;
            if (!node.IsDirectory && node.Package is { } owner && layerOf.TryGetValue(owner, out int group))
            {
                AddWithParents(tree, layers[group], openDirectories[group], entry.Path, node, null);
                continue;
            }
            layers[top].Add(new LayerEntry(entry.Path, node));
            if (entry.Path == InstalledDatabase && node.Type == FileNodeType.RegularFile)
            {
                for (int i = 0; i < groups.Count; i++)
                {
                    var records = groups[i].Select(p => p.InstalledRecord).Where(r => r is not null).ToArray();
                    if (records.Length > 0)
                    {
                        AddWithParents(tree, layers[i], openDirectories[i], entry.Path, node,
                            FileContent.FromBytes(Encoding.UTF8.GetBytes(string.Concat(records))));
                    }
                }
            }
        }
        return layers;
    }

    /// <summary>
    /// Adds a file to a group layer after any parent directories that layer has not written yet;
    /// those take the file's mtime (apko does this so identical layers deduplicate, #1624).
    /// </summary>
    private static void AddWithParents(FileTree tree, List<LayerEntry> layer, List<string> open, string path, FileNode node, FileContent? content)
    {
        string[] parts = path.Split('/');
        string prefix = "";
        for (int depth = 0; depth < parts.Length - 1; depth++)
        {
            prefix = depth == 0 ? parts[0] : prefix + "/" + parts[depth];
            if (depth < open.Count && open[depth] == prefix)
            {
                continue;
            }
            open.RemoveRange(depth, open.Count - depth);
            open.Add(prefix);
            FileNode directory = tree.Get(prefix, followSymlinks: false);
            layer.Add(new LayerEntry(prefix, directory, node.ModificationTime));
        }
        open.RemoveRange(parts.Length - 1, open.Count - (parts.Length - 1));
        layer.Add(new LayerEntry(path, node, null, content));
    }
}
