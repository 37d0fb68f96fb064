using System.Text;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Assembling.Busybox;

/// <summary>
/// Creates the busybox applet symlinks that busybox's install script would have made (package
/// scripts are not run). The list comes from `/etc/busybox-paths.d/&lt;package&gt;`, which Wolfi's
/// busybox packages ship; for a package without one (Alpine's, older ones) from
/// <see cref="BusyboxAppletTable"/> by the package's version, as apko does.
/// </summary>
public static class BusyboxLinks
{
    /// <summary>Where busybox lives in the image.</summary>
    public const string Binary = "bin/busybox";

    /// <summary>
    /// Adds the links; returns the number made, or -1 when busybox is installed, ships no applet list,
    /// and its version is not major.minor.patch[-suffix] so the table cannot be used (the caller warns).
    /// </summary>
    /// <param name="tree">The image.</param>
    /// <param name="busyboxPackage">The installed package named busybox or providing it, if any.</param>
    /// <param name="busyboxVersion">That package's version, which picks the table's list.</param>
    public static int Install(FileTree tree, string? busyboxPackage, string? busyboxVersion = null)
    {
        if (tree.Lookup(Binary) is not { Type: FileNodeType.RegularFile } busybox || busyboxPackage is null)
        {
            return 0;
        }
        string list = $"etc/busybox-paths.d/{busyboxPackage}";
        IEnumerable<string> links;
        if (tree.Lookup(list) is { Type: FileNodeType.RegularFile })
        {
            links = Encoding.UTF8.GetString(tree.ReadAllBytes(list)).Split('\n');
        }
        else if (busyboxVersion is not null && BusyboxAppletTable.LinksFor(busyboxVersion) is { } table)
        {
            links = table;
        }
        else
        {
            return -1;
        }
        int made = 0;
        foreach (string raw in links)
        {
            string link = TreePath.Normalize(raw.Trim());
            if (link.Length == 0 || link == Binary || tree.Exists(link))
            {
                continue;
            }
            int slash = link.LastIndexOf('/');
            if (slash > 0)
            {
                string directory = link[..slash];
                FileNode dir = tree.MkdirAll(directory);
                dir.ModificationTime = busybox.ModificationTime;
            }
            tree.Symlink(link, "/" + Binary);
            made++;
        }
        return made;
    }
}
