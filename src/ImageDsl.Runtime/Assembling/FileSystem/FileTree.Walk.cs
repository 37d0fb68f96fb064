using ImageDsl.Errors;

namespace ImageDsl.Assembling.FileSystem;

public sealed partial class FileTree
{
    /// <summary>
    /// Every node under the root (the root itself omitted), depth first, each directory's names in
    /// UTF-8 byte order: the order apko's `fs.WalkDir` writes layers in. Symlinks are not followed.
    /// A hard-linked node appears once per name.
    /// </summary>
    public IEnumerable<FileTreeEntry> Walk()
    {
        var stack = new Stack<(string Prefix, IEnumerator<KeyValuePair<string, FileNode>> Children)>();
        stack.Push(("", Root.Children!.GetEnumerator()));
        while (stack.Count > 0)
        {
            var (prefix, children) = stack.Peek();
            if (!children.MoveNext())
            {
                children.Dispose();
                stack.Pop();
                continue;
            }
            var (name, node) = children.Current;
            string path = prefix.Length == 0 ? name : prefix + "/" + name;
            yield return new FileTreeEntry(path, node);
            if (node.IsDirectory)
            {
                stack.Push((path, node.Children!.GetEnumerator()));
            }
        }
    }

    /// <summary>How many names the tree holds, the root excluded.</summary>
    public int Count => Walk().Count();

    private void Place(string path, FileNode node, bool replace)
    {
        string[] parts = TreePath.Split(path);
        if (parts.Length == 0)
        {
            throw new ImageDslException(ErrorKind.Build, "cannot replace the image root '/'");
        }
        FileNode parent = Resolve(parts[..^1], followFinal: true, path)
            ?? throw new ImageDslException(ErrorKind.Build,
                $"cannot create '{TreePath.Absolute(path)}': its parent directory does not exist",
                "create the directory first");
        if (!parent.IsDirectory)
        {
            throw NotADirectory(path, parts[..^1]);
        }
        string name = parts[^1];
        if (parent.Children!.TryGetValue(name, out FileNode? existing))
        {
            if (!replace || existing.IsDirectory)
            {
                throw new ImageDslException(ErrorKind.Build,
                    $"cannot create '{TreePath.Absolute(path)}': a {Describe(existing)} already exists there");
            }
            parent.Children.Remove(name);
            existing.LinkCount--;
        }
        Attach(parent, name, node);
    }

    private static void Attach(FileNode parent, string name, FileNode node)
    {
        parent.Children!.Add(name, node);
        node.LinkCount++;
    }

    /// <summary>
    /// Walks <paramref name="parts"/> from the root. Symlink targets are spliced into the remaining
    /// components; an absolute target restarts at the image root and `..` never climbs above it.
    /// Returns null when a name is missing or a non-directory is met on the way.
    /// </summary>
    private FileNode? Resolve(IReadOnlyList<string> parts, bool followFinal, string original)
    {
        var ancestors = new List<FileNode> { Root };
        var remaining = new Stack<string>();
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            remaining.Push(parts[i]);
        }
        int hops = 0;
        while (remaining.Count > 0)
        {
            string name = remaining.Pop();
            FileNode current = ancestors[^1];
            if (name is "" or ".")
            {
                continue;
            }
            if (name == "..")
            {
                if (ancestors.Count > 1)
                {
                    ancestors.RemoveAt(ancestors.Count - 1);
                }
                continue;
            }
            if (!current.IsDirectory || !current.Children!.TryGetValue(name, out FileNode? child))
            {
                return null;
            }
            if (child.Type == FileNodeType.Symlink && (remaining.Count > 0 || followFinal))
            {
                if (++hops > MaxSymlinkHops)
                {
                    throw new ImageDslException(ErrorKind.Integrity,
                        $"too many levels of symbolic links resolving '{TreePath.Absolute(original)}'",
                        "a symlink in the image points (indirectly) at itself");
                }
                string target = child.LinkTarget!;
                string[] targetParts = target.Split('/');
                for (int i = targetParts.Length - 1; i >= 0; i--)
                {
                    remaining.Push(targetParts[i]);
                }
                if (target.StartsWith('/'))
                {
                    ancestors.RemoveRange(1, ancestors.Count - 1);
                }
                continue;
            }
            ancestors.Add(child);
        }
        return ancestors[^1];
    }

    private static ImageDslException NotADirectory(string path, string[] prefix) =>
        new(ErrorKind.Build,
            $"cannot create '{TreePath.Absolute(path)}': '/{string.Join('/', prefix)}' is not a directory");

    private static string Describe(FileNode node) => node.Type switch
    {
        FileNodeType.Directory => "directory",
        FileNodeType.RegularFile => "file",
        FileNodeType.Symlink => "symlink",
        FileNodeType.CharacterDevice => "character device",
        FileNodeType.BlockDevice => "block device",
        _ => "FIFO",
    };
}
