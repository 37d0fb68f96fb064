using ImageDsl.Assembling.FileSystem;
using ImageDsl.Errors;
using ImageDsl.Model;

namespace ImageDsl.Assembling.Paths;

/// <summary>Applies `paths:` entries in order, as apko's mutatePaths does.</summary>
public static class PathMutator
{
    /// <summary>Applies every mutation to the tree.</summary>
    public static void Apply(FileTree tree, IEnumerable<PathMutation> mutations)
    {
        foreach (PathMutation m in mutations)
        {
            ApplyOne(tree, m);
        }
    }

    private static void ApplyOne(FileTree tree, PathMutation m)
    {
        // apko turns omitted permissions into mode 0; we use the usual defaults instead.
        var mode = (UnixFileMode)(m.Permissions ?? (m.Type == PathMutationType.Directory ? 0x1EDu : 0x1A4u));
        string parent = Parent(m.Path);
        switch (m.Type)
        {
            case PathMutationType.Directory:
                tree.MkdirAll(m.Path, mode);
                break;
            case PathMutationType.EmptyFile:
                tree.MkdirAll(parent);
                tree.CreateFile(m.Path, FileContent.Empty, mode);
                break;
            case PathMutationType.Hardlink:
                tree.MkdirAll(parent);
                tree.Remove(m.Path);
                tree.Hardlink(m.Path, Require(m.Source, m));
                break;
            case PathMutationType.Symlink:
                tree.MkdirAll(parent);
                if (tree.Exists(m.Path))
                {
                    throw new ImageDslException(ErrorKind.Build, $"paths: file {TreePath.Absolute(m.Path)} already exists",
                        "A symlink path mutation cannot replace an existing file; choose another path or remove the package that ships it.");
                }
                tree.Symlink(m.Path, Require(m.Source, m));
                return; // chmod would follow the link onto its target (an apko quirk we do not copy)
            case PathMutationType.Permissions:
                break;
        }
        SetPermissions(tree, m, mode);
    }

    private static void SetPermissions(FileTree tree, PathMutation m, UnixFileMode mode)
    {
        FileNode node = tree.Lookup(m.Path)
            ?? throw new ImageDslException(ErrorKind.Build, $"paths: {TreePath.Absolute(m.Path)} does not exist",
                "A permissions mutation needs an existing path; create it first with a directory or empty-file entry.");
        IEnumerable<FileNode> targets = m.Recursive && node.IsDirectory ? Descendants(tree, m.Path) : [node];
        bool chown = m.Uid is not null || m.Gid is not null;
        foreach (FileNode target in targets)
        {
            if (target.Type == FileNodeType.Symlink)
            {
                continue; // recursive walks do not follow or change links
            }
            if (m.Permissions is not null)
            {
                target.Mode = mode;
            }
            if (chown)
            {
                target.Uid = (int)(m.Uid ?? 0);
                target.Gid = (int)(m.Gid ?? 0);
            }
        }
    }

    private static IEnumerable<FileNode> Descendants(FileTree tree, string path)
    {
        string prefix = TreePath.Normalize(path);
        yield return tree.Get(path);
        foreach (FileTreeEntry entry in tree.Walk())
        {
            if (entry.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                yield return entry.Node;
            }
        }
    }

    private static string Require(string? source, PathMutation m) =>
        source ?? throw new ImageDslException(ErrorKind.Configuration,
            $"paths: the {PathMutation.TypeName(m.Type)} at {m.Path} has no source", "Set `source:` to the link target.");

    private static string Parent(string path)
    {
        string normal = TreePath.Normalize(path);
        int slash = normal.LastIndexOf('/');
        return slash < 0 ? "" : normal[..slash];
    }
}
