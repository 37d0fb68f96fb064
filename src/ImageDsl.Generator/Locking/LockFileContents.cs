using System;
using System.Collections.Generic;
using System.Linq;

namespace ImageDsl.Generator.Locking;

/// <summary>A package entry of a lock file (one per package and arch).</summary>
internal sealed class LockedPackage
{
    public LockedPackage(string name, string version, string architecture, string url = "", string checksum = "")
    {
        Name = name;
        Version = version;
        Architecture = architecture;
        Url = url;
        Checksum = checksum;
    }

    public string Name { get; }

    public string Version { get; }

    public string Architecture { get; }

    /// <summary>The package file's URL or path (<c>&lt;repository&gt;/&lt;arch&gt;/&lt;name&gt;-&lt;version&gt;.apk</c>).</summary>
    public string Url { get; }

    /// <summary>The index's <c>C:</c> (<c>Q1</c> + base64 SHA-1 of the control section).</summary>
    public string Checksum { get; }
}

/// <summary>
/// What the analyzers and the build plan need of an apko lock file (format v1): its packages, the checksum of
/// the configuration it was made from, and the top-level packages when the lock records them.
/// </summary>
internal sealed class LockFileContents
{
    private LockFileContents(string fileName, IReadOnlyList<LockedPackage> packages, string configChecksum, IReadOnlyList<string>? world)
    {
        FileName = fileName;
        Packages = packages;
        ConfigChecksum = configChecksum;
        World = world;
        ByName = packages.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<LockedPackage>)g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>The file name (no folder), as diagnostics show it.</summary>
    public string FileName { get; }

    public IReadOnlyList<LockedPackage> Packages { get; }

    /// <summary><c>config.checksum</c>, or "" when the lock has none.</summary>
    public string ConfigChecksum { get; }

    /// <summary>
    /// <c>config.world</c>: the packages the image declared when the lock was made (ImageDsl writes it for C#
    /// images; apko does not), or null when the lock does not say.
    /// </summary>
    public IReadOnlyList<string>? World { get; }

    /// <summary>Each package's entries (one per arch), by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LockedPackage>> ByName { get; }

    /// <summary>Reads lock file JSON.</summary>
    /// <exception cref="MiniJsonException">The text is not JSON, or not a v1 lock file (located at the line and column at fault, or 1,1).</exception>
    public static LockFileContents Parse(string fileName, string json)
    {
        if (!(MiniJson.Parse(json) is Dictionary<string, object?> root))
        {
            throw new MiniJsonException("a lock file is a JSON object", 1, 1);
        }
        if (root.TryGetValue("version", out object? version) && !(version is string v && v == "v1"))
        {
            throw new MiniJsonException($"unsupported lock file version {Show(version)}; expected \"v1\"", 1, 1);
        }
        var packages = new List<LockedPackage>();
        if (root.TryGetValue("contents", out object? contents) && contents is Dictionary<string, object?> contentsObject
            && contentsObject.TryGetValue("packages", out object? list))
        {
            if (!(list is List<object?> items))
            {
                throw new MiniJsonException("contents.packages must be an array", 1, 1);
            }
            for (int i = 0; i < items.Count; i++)
            {
                if (!(items[i] is Dictionary<string, object?> item) || !(Field(item, "name") is string name) || name.Length == 0
                    || !(Field(item, "version") is string packageVersion))
                {
                    throw new MiniJsonException($"contents.packages[{i}] needs a \"name\" and a \"version\"", 1, 1);
                }
                packages.Add(new LockedPackage(name, packageVersion, Field(item, "architecture") as string ?? "",
                    Field(item, "url") as string ?? "", Field(item, "checksum") as string ?? ""));
            }
        }
        else if (contents != null && !(contents is Dictionary<string, object?>))
        {
            throw new MiniJsonException("contents must be an object", 1, 1);
        }
        string configChecksum = "";
        List<string>? world = null;
        if (root.TryGetValue("config", out object? config) && config is Dictionary<string, object?> configObject)
        {
            configChecksum = Field(configObject, "checksum") as string ?? "";
            if (Field(configObject, "world") is List<object?> entries)
            {
                world = entries.OfType<string>().ToList();
            }
        }
        return new LockFileContents(fileName, packages, configChecksum, world);
    }

    private static object? Field(Dictionary<string, object?> item, string name) => item.TryGetValue(name, out object? value) ? value : null;

    private static string Show(object? value) => value is string s ? "\"" + s + "\"" : value?.ToString() ?? "null";
}
