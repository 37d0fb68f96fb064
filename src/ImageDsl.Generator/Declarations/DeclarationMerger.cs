using System.Collections.Generic;

namespace ImageDsl.Generator.Declarations;

/// <summary>
/// Merges a class's declarations over its base classes' the way apko merges an <c>include:</c>d
/// file (the base) under the including one (the derived class, which wins):
/// scalars and the entrypoint as a whole come from the base only when the derived class leaves them
/// unset; maps are unioned with the derived value winning; lists are concatenated base first;
/// <c>vcs-url</c> is never taken from a base.
/// </summary>
internal static class DeclarationMerger
{
    /// <summary>Merges <paramref name="chain"/>, given base first and the image class last.</summary>
    public static Declaration Merge(IReadOnlyList<Declaration> chain)
    {
        Declaration merged = Over(new Declaration(), chain[0]);
        for (int i = 1; i < chain.Count; i++)
        {
            merged = Over(merged, chain[i]);
        }
        return merged;
    }

    private static Declaration Over(Declaration b, Declaration d)
    {
        var m = new Declaration
        {
            ImageName = d.ImageName ?? b.ImageName,
            ImageAttribute = d.ImageAttribute ?? b.ImageAttribute,
            BaseImage = d.BaseImage ?? b.BaseImage,
            Archs = d.Archs is { Count: > 0 } ? d.Archs : b.Archs ?? d.Archs,
            Entrypoint = Normalize(d.Entrypoint) ?? b.Entrypoint,
            Cmd = d.Cmd ?? b.Cmd,
            StopSignal = d.StopSignal ?? b.StopSignal,
            WorkDir = d.WorkDir ?? b.WorkDir,
            RunAs = d.RunAs ?? b.RunAs,
            VcsUrl = d.VcsUrl,
            Include = d.Include ?? b.Include,
            Layering = d.Layering ?? b.Layering,
            LayerCompression = d.LayerCompression ?? b.LayerCompression,
            Format = d.Format ?? b.Format,
            Certificates = d.Certificates ?? b.Certificates,
        };
        Concat(m.Repositories, b.Repositories, d.Repositories);
        Concat(m.BuildRepositories, b.BuildRepositories, d.BuildRepositories);
        Concat(m.RuntimeRepositories, b.RuntimeRepositories, d.RuntimeRepositories);
        Concat(m.Keyring, b.Keyring, d.Keyring);
        Concat(m.RuntimeKeys, b.RuntimeKeys, d.RuntimeKeys);
        Concat(m.Packages, b.Packages, d.Packages);
        Concat(m.Users, b.Users, d.Users);
        Concat(m.Groups, b.Groups, d.Groups);
        Concat(m.Paths, b.Paths, d.Paths);
        Concat(m.Volumes, b.Volumes, d.Volumes);
        Concat(m.Local, b.Local, d.Local);
        Union(m.Environment, b.Environment, d.Environment);
        Union(m.Annotations, b.Annotations, d.Annotations);
        return m;
    }

    private static void Concat<T>(List<T> into, List<T> first, List<T> second)
    {
        into.AddRange(first);
        into.AddRange(second);
    }

    /// <summary>Key union: a later value replaces an earlier one but keeps its position (as ValueMap does).</summary>
    private static void Union(List<KeyValueDeclaration> into, List<KeyValueDeclaration> first, List<KeyValueDeclaration> second)
    {
        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (KeyValueDeclaration pair in Both(first, second))
        {
            string key = pair.Key.Value ?? "";
            if (index.TryGetValue(key, out int at))
            {
                into[at] = pair;
            }
            else
            {
                index[key] = into.Count;
                into.Add(pair);
            }
        }
    }

    private static IEnumerable<T> Both<T>(List<T> first, List<T> second)
    {
        foreach (T item in first)
        {
            yield return item;
        }
        foreach (T item in second)
        {
            yield return item;
        }
    }

    private static EntrypointDeclaration? Normalize(EntrypointDeclaration? entrypoint)
    {
        if (entrypoint is null)
        {
            return null;
        }
        var normalized = new EntrypointDeclaration
        {
            Command = entrypoint.Command,
            Type = entrypoint.Type,
            ShellFragment = entrypoint.ShellFragment,
        };
        Union(normalized.Services, entrypoint.Services, new List<KeyValueDeclaration>());
        return normalized;
    }
}
