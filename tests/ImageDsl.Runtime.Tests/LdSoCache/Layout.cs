using System.Text;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Tests.LdSoCache;

/// <summary>
/// A small filesystem described once and laid out twice: into a <see cref="FileTree"/> for our
/// generator and into a host folder for the real ldconfig (`-r`), so both see the same files.
/// </summary>
internal sealed class Layout
{
    private readonly List<(string Path, byte[]? Data, string? Link)> _items = [];

    public Layout File(string path, byte[] data)
    {
        _items.Add((path, data, null));
        return this;
    }

    public Layout Text(string path, string text) => File(path, Encoding.UTF8.GetBytes(text));

    public Layout Library(string path, string? soname, int machine = ElfBuilder.X8664) => File(path, ElfBuilder.Library(soname, machine));

    public Layout Symlink(string path, string target)
    {
        _items.Add((path, null, target));
        return this;
    }

    public Layout Directory(string path)
    {
        _items.Add((path, null, null));
        return this;
    }

    public FileTree ToTree()
    {
        var tree = new FileTree();
        foreach (var (path, data, link) in _items)
        {
            string parent = Path.GetDirectoryName(path)!;
            tree.MkdirAll(parent);
            if (data is not null)
            {
                tree.WriteFile(path, data);
            }
            else if (link is not null)
            {
                tree.Symlink(path, link);
            }
            else
            {
                tree.MkdirAll(path);
            }
        }
        return tree;
    }

    public void WriteTo(string root)
    {
        foreach (var (path, data, link) in _items)
        {
            string full = Path.Combine(root, path.TrimStart('/'));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (data is not null)
            {
                System.IO.File.WriteAllBytes(full, data);
            }
            else if (link is not null)
            {
                System.IO.File.CreateSymbolicLink(full, link);
            }
            else
            {
                System.IO.Directory.CreateDirectory(full);
            }
        }
    }
}
