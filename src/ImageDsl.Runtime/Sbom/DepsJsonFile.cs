using System.Text.Json;
using System.Text.RegularExpressions;
using ImageDsl.Errors;

namespace ImageDsl.Sbom;

/// <summary>
/// One `*.deps.json` (the .NET host's dependency manifest a `dotnet publish` writes), parsed as hostile
/// input: strict JSON (no comments, trailing commas or duplicate keys, nesting bounded), and only what the
/// SBOM needs is taken: the `libraries` (name, version, type, `sha512`) and the dependency edges of
/// `targets`. Its `path`/`hashPath` and asset names are never used, on the filesystem or elsewhere.
/// </summary>
internal sealed partial class DepsJsonFile
{
    /// <summary>A deps file nests six levels (root, targets, target, library, asset group, asset); this leaves room, no more.</summary>
    private const int MaxDepth = 16;

    /// <summary>NuGet's own limits: an id is at most 100 characters, nuget.org takes versions of at most 64.</summary>
    private const int MaxNameLength = 100;

    private const int MaxVersionLength = 64;

    private const string RuntimePackPrefix = "runtimepack.";

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private DepsJsonFile(List<NuGetLibrary> libraries, HashSet<string> appLibraries, List<(string From, string To)> edges)
    {
        Libraries = libraries;
        AppLibraries = appLibraries;
        Edges = edges;
    }

    /// <summary>The NuGet libraries (`package` and `runtimepack`), in file order, without dependencies.</summary>
    public List<NuGetLibrary> Libraries { get; }

    /// <summary>The keys of every other library (`project`, `reference`, …): the app's own code.</summary>
    public HashSet<string> AppLibraries { get; }

    /// <summary>`targets` edges as deps-file keys (`Name/Version`); the source may be an app library.</summary>
    public List<(string From, string To)> Edges { get; }

    /// <summary>Parses a deps file; an error names <paramref name="path"/> and <paramref name="packageName"/>.</summary>
    public static DepsJsonFile Parse(byte[] bytes, string path, string packageName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException e)
        {
            throw Error(path, packageName, $"it is not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-key check unescapes names while parsing: an escaped lone surrogate fails there.
            throw Error(path, packageName, $"it holds text that is not valid UTF-8 ({e.Message})");
        }
        using (document)
        {
            try
            {
                return Walk(document.RootElement, path, packageName);
            }
            catch (InvalidOperationException e)
            {
                // Every element's kind is checked before it is read, so what is left is System.Text.Json's
                // late UTF-8 check: a raw invalid byte or an escaped lone surrogate in a name or a string.
                throw Error(path, packageName, $"it holds text that is not valid UTF-8 ({e.Message})");
            }
        }
    }

    /// <summary>The libraries and edges of a parsed document.</summary>
    private static DepsJsonFile Walk(JsonElement root, string path, string packageName)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, packageName, "it is not a JSON object");
        }
        if (!root.TryGetProperty("libraries", out JsonElement libraries) || libraries.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, packageName, "it has no `libraries` object");
        }
        var nuget = new List<NuGetLibrary>();
        var app = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var nameByKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty library in libraries.EnumerateObject())
        {
            if (Library(library, path, packageName, out string key) is { } parsed)
            {
                nuget.Add(parsed);
                nameByKey[key] = parsed.Key;
            }
            else
            {
                app.Add(key);
            }
        }
        return new DepsJsonFile(nuget, app, ReadEdges(root, nameByKey, path, packageName));
    }

    /// <summary>The library as a NuGet one, or null for the app's own kinds; <paramref name="key"/> is its deps-file key.</summary>
    private static NuGetLibrary? Library(JsonProperty library, string path, string packageName, out string key)
    {
        key = library.Name;
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash != key.LastIndexOf('/') || slash == key.Length - 1)
        {
            throw Error(path, packageName, $"the library '{Shown(key)}' is not named `name/version`");
        }
        if (library.Value.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, packageName, $"the library '{Shown(key)}' is not an object");
        }
        string type = Text(library.Value, "type", path, packageName, key)
            ?? throw Error(path, packageName, $"the library '{Shown(key)}' has no `type`");
        if (type is not ("package" or "runtimepack"))
        {
            return null;
        }
        string name = key[..slash];
        string version = key[(slash + 1)..];
        // A runtime pack's key carries a prefix that is not part of the NuGet id.
        if (type == "runtimepack" && name.StartsWith(RuntimePackPrefix, StringComparison.Ordinal))
        {
            name = name[RuntimePackPrefix.Length..];
        }
        if (name.Length > MaxNameLength || !PackageId().IsMatch(name))
        {
            throw Error(path, packageName, $"the library '{Shown(key)}' has a name NuGet does not allow");
        }
        if (version.Length > MaxVersionLength || !PackageVersion().IsMatch(version))
        {
            throw Error(path, packageName, $"the library '{Shown(key)}' has a version NuGet does not allow");
        }
        return new NuGetLibrary(name, version) { Type = type, Sha512 = Sha512(library.Value, path, packageName, key) };
    }

    /// <summary>`sha512-&lt;base64 of 64 bytes&gt;` as hex; empty or missing is none.</summary>
    private static string? Sha512(JsonElement library, string path, string packageName, string key)
    {
        string? text = Text(library, "sha512", path, packageName, key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        const string prefix = "sha512-";
        byte[] hash = new byte[64];
        if (!text.StartsWith(prefix, StringComparison.Ordinal)
            || !Convert.TryFromBase64String(text[prefix.Length..], hash, out int written) || written != hash.Length)
        {
            throw Error(path, packageName, $"the library '{Shown(key)}' has a `sha512` that is not `sha512-` and a base64 SHA-512");
        }
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Every `targets.&lt;target&gt;.&lt;library&gt;.dependencies` entry between known libraries.</summary>
    private static List<(string From, string To)> ReadEdges(JsonElement root, Dictionary<string, string> nuget, string path, string packageName)
    {
        var edges = new List<(string, string)>();
        if (!root.TryGetProperty("targets", out JsonElement targets))
        {
            return edges;
        }
        if (targets.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, packageName, "its `targets` is not an object");
        }
        foreach (JsonProperty target in targets.EnumerateObject())
        {
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, packageName, $"the target '{Shown(target.Name)}' is not an object");
            }
            foreach (JsonProperty library in target.Value.EnumerateObject())
            {
                if (library.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Error(path, packageName, $"the library '{Shown(library.Name)}' of target '{Shown(target.Name)}' is not an object");
                }
                if (!library.Value.TryGetProperty("dependencies", out JsonElement dependencies))
                {
                    continue;
                }
                if (dependencies.ValueKind != JsonValueKind.Object)
                {
                    throw Error(path, packageName, $"the dependencies of '{Shown(library.Name)}' are not an object");
                }
                string from = nuget.GetValueOrDefault(library.Name, library.Name);
                foreach (JsonProperty dependency in dependencies.EnumerateObject())
                {
                    if (dependency.Value.ValueKind != JsonValueKind.String)
                    {
                        throw Error(path, packageName, $"the dependency '{Shown(dependency.Name)}' of '{Shown(library.Name)}' has no version string");
                    }
                    // Dependencies on something that is not a NuGet library here (the shared framework's
                    // assemblies, for one) are not packages the app ships.
                    if (nuget.TryGetValue(dependency.Name + "/" + dependency.Value.GetString(), out string? to))
                    {
                        edges.Add((from, to));
                    }
                }
            }
        }
        return edges;
    }

    private static string? Text(JsonElement library, string property, string path, string packageName, string key)
    {
        if (!library.TryGetProperty(property, out JsonElement value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error(path, packageName, $"the library '{Shown(key)}' has a `{property}` that is not a string");
    }

    /// <summary>A name from the file, cut and stripped of control characters before it goes into a message.</summary>
    private static string Shown(string text)
    {
        string cut = text.Length > 120 ? text[..120] + "…" : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }

    private static ImageDslException Error(string path, string packageName, string detail) => new(ErrorKind.Build,
        $"the .NET dependency file {path} in local content package '{packageName}' cannot be read for the SBOM: {detail}",
        "Publish the app again (dotnet publish writes a valid one) or leave the file out of the content folder; ImageDsl reads it to list the app's NuGet packages in the SBOM.");

    /// <summary>NuGet's package id rule: word characters in runs joined by single dots or dashes.</summary>
    [GeneratedRegex(@"^\w+([.-]\w+)*\z")]
    private static partial Regex PackageId();

    /// <summary>A NuGet version: 1 to 4 numeric parts, optional SemVer 2 prerelease and build labels.</summary>
    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){0,3}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z")]
    private static partial Regex PackageVersion();
}
