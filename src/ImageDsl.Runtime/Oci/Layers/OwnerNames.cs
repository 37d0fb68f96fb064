using System.Globalization;
using System.Text;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Oci;

/// <summary>
/// uid/gid to name maps read from the image's own `/etc/passwd` and `/etc/group` (never the
/// host's), for the tar `uname`/`gname` fields. Unknown ids get "" as in apko.
/// </summary>
internal sealed class OwnerNames
{
    private readonly Dictionary<int, string> _users;
    private readonly Dictionary<int, string> _groups;

    private OwnerNames(Dictionary<int, string> users, Dictionary<int, string> groups)
    {
        _users = users;
        _groups = groups;
    }

    public static OwnerNames FromTree(FileTree tree) =>
        new(ReadIds(tree, "/etc/passwd"), ReadIds(tree, "/etc/group"));

    public string User(int uid) => _users.GetValueOrDefault(uid, "");

    public string Group(int gid) => _groups.GetValueOrDefault(gid, "");

    /// <summary>name:x:id:... lines; the first name for an id wins; malformed lines are ignored.</summary>
    private static Dictionary<int, string> ReadIds(FileTree tree, string path)
    {
        var map = new Dictionary<int, string>();
        FileNode? node = tree.Lookup(path);
        if (node is not { Type: FileNodeType.RegularFile, Content: not null })
        {
            return map;
        }
        string text = Encoding.UTF8.GetString(node.Content.ReadAllBytes());
        foreach (string line in text.Split('\n'))
        {
            string[] fields = line.Split(':');
            if (fields.Length >= 3 && fields[0].Length > 0
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                map.TryAdd(id, fields[0]);
            }
        }
        return map;
    }
}
