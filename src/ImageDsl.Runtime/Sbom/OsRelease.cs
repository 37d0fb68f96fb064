using System.Text;
using ImageDsl.Assembling.FileSystem;

namespace ImageDsl.Sbom;

/// <summary>The image's `/etc/os-release` (only read, never generated, as in apko).</summary>
public sealed record OsRelease(string Id, string VersionId, string Name)
{
    /// <summary>What apko assumes when the image has no os-release.</summary>
    public static OsRelease Unknown { get; } = new("unknown", "unknown", "apko-generated image");

    /// <summary>True when the values came from a file.</summary>
    public bool Found { get; init; }

    /// <summary>Reads `/etc/os-release` (following symlinks inside the image), or <see cref="Unknown"/>.</summary>
    public static OsRelease Read(FileTree tree)
    {
        FileNode? node = tree.Lookup("/etc/os-release");
        if (node is not { Type: FileNodeType.RegularFile, Content: not null })
        {
            return Unknown;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in Encoding.UTF8.GetString(node.Content.ReadAllBytes()).Split('\n'))
        {
            string line = raw.Trim();
            int eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }
            string value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            values[line[..eq]] = value;
        }
        return new OsRelease(
            values.GetValueOrDefault("ID", "unknown"),
            values.GetValueOrDefault("VERSION_ID", "unknown"),
            values.GetValueOrDefault("NAME", Unknown.Name))
        { Found = true };
    }
}
