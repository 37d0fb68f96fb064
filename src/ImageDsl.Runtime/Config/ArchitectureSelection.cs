using ImageDsl.Model;

namespace ImageDsl.Config;

/// <summary>
/// apko's `--arch` values: `all` (the nine architectures), `host` (this machine's), or names and apk
/// aliases; the result is deduplicated and sorted as apko sorts it.
/// </summary>
public static class ArchitectureSelection
{
    /// <summary>The architectures <paramref name="names"/> select; each unknown name goes to <paramref name="unknown"/>.</summary>
    public static ValueList<Architecture> Parse(IEnumerable<string> names, Action<string> unknown)
    {
        var result = new SortedSet<Architecture>();
        foreach (string name in names)
        {
            if (name == "all")
            {
                result.UnionWith(Architecture.All);
            }
            else if (name == "host")
            {
                result.Add(Architecture.Host);
            }
            else if (Architecture.TryParse(name, out Architecture arch))
            {
                result.Add(arch);
            }
            else
            {
                unknown(name);
            }
        }
        return result.ToValueList();
    }
}
