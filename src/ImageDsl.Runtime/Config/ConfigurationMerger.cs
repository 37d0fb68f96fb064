using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// apko's `MergeInto`: the included file is the base and the including file (the parent) wins. Scalars
/// and whole sections (entrypoint, layering, certificates, baseimage...) come from the include only when
/// the parent leaves them empty; maps are unioned with the parent winning; lists are concatenated,
/// include first. `vcs-url` is not merged. Locations move with the values they belong to.
/// </summary>
internal sealed class ConfigurationMerger
{
    private readonly SourceMap _include;
    private readonly SourceMap _parent;
    private readonly SourceMap _merged;

    private ConfigurationMerger(SourceMap include, SourceMap parent)
    {
        _include = include;
        _parent = parent;
        _merged = new SourceMap(parent.Root);
    }

    /// <summary>Merges <paramref name="include"/> under <paramref name="parent"/>; the result keeps the parent's `include` value.</summary>
    public static (ImageConfiguration Configuration, SourceMap Locations) Merge(
        ImageConfiguration include, SourceMap includeLocations, ImageConfiguration parent, SourceMap parentLocations)
    {
        var m = new ConfigurationMerger(includeLocations, parentLocations);
        ImageAccounts includeAccounts = include.Accounts ?? new ImageAccounts();
        ImageAccounts parentAccounts = parent.Accounts ?? new ImageAccounts();
        var accounts = new ImageAccounts
        {
            RunAs = m.Scalar("Accounts.RunAs", parentAccounts.RunAs, includeAccounts.RunAs),
            Users = m.Concat("Accounts.Users", includeAccounts.Users, parentAccounts.Users),
            Groups = m.Concat("Accounts.Groups", includeAccounts.Groups, parentAccounts.Groups),
        };
        m.KeepOwnLocation("Accounts");
        var merged = new ImageConfiguration
        {
            Contents = m.MergeContents(include.Contents, parent.Contents),
            Entrypoint = m.Scalar("Entrypoint", parent.Entrypoint, include.Entrypoint),
            Cmd = m.Scalar("Cmd", parent.Cmd, include.Cmd),
            StopSignal = m.Scalar("StopSignal", parent.StopSignal, include.StopSignal),
            WorkDir = m.Scalar("WorkDir", parent.WorkDir, include.WorkDir),
            Accounts = accounts == new ImageAccounts() ? null : accounts,
            Archs = m.Scalar("Archs", parent.Archs.IsEmpty ? null : parent.Archs, include.Archs.IsEmpty ? null : include.Archs)
                ?? ValueList<Architecture>.Empty,
            Environment = m.Union("Environment", include.Environment, parent.Environment),
            Paths = m.Concat("Paths", include.Paths, parent.Paths),
            VcsUrl = m.Scalar("VcsUrl", parent.VcsUrl, null),
            Annotations = m.Union("Annotations", include.Annotations, parent.Annotations),
            Include = m.Scalar("Include", parent.Include, null),
            Volumes = m.Concat("Volumes", include.Volumes, parent.Volumes),
            Layering = m.Scalar("Layering", parent.Layering, include.Layering),
            Format = m.Scalar("Format", parent.Format, include.Format),
            Certificates = m.Scalar("Certificates", parent.Certificates, include.Certificates),
        };
        return (merged, m._merged);
    }

    private ImageContents MergeContents(ImageContents include, ImageContents parent)
    {
        KeepOwnLocation("Contents");
        return new ImageContents
        {
            Keyring = Concat("Contents.Keyring", include.Keyring, parent.Keyring),
            RuntimeKeyring = Concat("Contents.RuntimeKeyring", include.RuntimeKeyring, parent.RuntimeKeyring),
            BuildRepositories = Concat("Contents.BuildRepositories", include.BuildRepositories, parent.BuildRepositories),
            RuntimeRepositories = Concat("Contents.RuntimeRepositories", include.RuntimeRepositories, parent.RuntimeRepositories),
            Repositories = Concat("Contents.Repositories", include.Repositories, parent.Repositories),
            Packages = Concat("Contents.Packages", include.Packages, parent.Packages),
            BaseImage = Scalar("Contents.BaseImage", parent.BaseImage, include.BaseImage),
            Local = Concat("Contents.Local", include.Local, parent.Local),
        };
    }

    /// <summary>The parent's value unless it is empty, then the include's; locations follow the winner.</summary>
    private T? Scalar<T>(string path, T? parentValue, T? includeValue)
    {
        bool parentWins = parentValue is not null && !(parentValue is string s && s.Length == 0);
        SourceMap winner = parentWins || (includeValue is null && _parent.Contains(path)) ? _parent : _include;
        _merged.CopySubtree(winner, path, path);
        return parentWins ? parentValue : includeValue;
    }

    /// <summary>A list, map or section merged item by item is located where the parent writes it, else the include.</summary>
    private void KeepOwnLocation(string path)
    {
        SourceMap owner = _parent.Contains(path) ? _parent : _include;
        if (owner.Entries.TryGetValue(path, out SourceLocation location))
        {
            _merged.Set(path, location);
        }
    }

    /// <summary>Include's items first, then the parent's, whose locations shift by the include's count.</summary>
    private ValueList<T> Concat<T>(string path, ValueList<T> include, ValueList<T> parent)
    {
        for (int i = 0; i < include.Count; i++)
        {
            _merged.CopySubtree(_include, MemberPath.Item(path, i), MemberPath.Item(path, i));
        }
        for (int i = 0; i < parent.Count; i++)
        {
            _merged.CopySubtree(_parent, MemberPath.Item(path, i), MemberPath.Item(path, include.Count + i));
        }
        KeepOwnLocation(path);
        return include.AddRange(parent);
    }

    /// <summary>Every key of both maps; the parent's value wins for a key in both.</summary>
    private ValueMap<string> Union(string path, ValueMap<string> include, ValueMap<string> parent)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in include)
        {
            if (!parent.ContainsKey(pair.Key))
            {
                pairs.Add(pair);
                _merged.CopySubtree(_include, MemberPath.Key(path, pair.Key), MemberPath.Key(path, pair.Key));
            }
        }
        foreach (var pair in parent)
        {
            pairs.Add(pair);
            _merged.CopySubtree(_parent, MemberPath.Key(path, pair.Key), MemberPath.Key(path, pair.Key));
        }
        KeepOwnLocation(path);
        return pairs.ToValueMap();
    }
}
