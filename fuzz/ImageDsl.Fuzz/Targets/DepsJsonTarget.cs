using System.Text.Json.Nodes;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Sbom;

namespace ImageDsl.Fuzz.Targets;

/// <summary>
/// `*.deps.json` files of a local content package, as the SBOM reads them: the input is installed as
/// `/app/App.deps.json`, read (bounded), parsed (strictly), merged, and written as SPDX and CycloneDX
/// entries. Besides a clean error, the result must be a closed graph: every edge names a listed
/// library and every library is reachable from the app.
/// </summary>
internal sealed class DepsJsonTarget : FuzzTarget
{
    public override string Name => "deps-json";

    public override string Description => "a .NET deps file: read, parsed and merged as the SBOM does, then written as SPDX and CycloneDX entries";

    public override void Run(byte[] input)
    {
        var tree = new FileTree();
        tree.MkdirAll("/app");
        tree.WriteFile("/app/App.deps.json", input).Package = "app";
        NuGetDependencies? deps = DepsJsonReader.Read(tree, "app", [new SbomFile("/app/App.deps.json", new string('0', 40))]);
        if (deps is null)
        {
            throw new InvalidOperationException("a deps file was found but nothing was returned");
        }
        var keys = deps.Libraries.Select(l => l.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (keys.Count != deps.Libraries.Count)
        {
            throw new InvalidOperationException("a library is listed twice");
        }
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(deps.Direct);
        var byKey = deps.Libraries.ToDictionary(l => l.Key, StringComparer.OrdinalIgnoreCase);
        while (pending.TryPop(out string? key))
        {
            if (!byKey.TryGetValue(key, out NuGetLibrary? library))
            {
                throw new InvalidOperationException($"an edge names '{key}', which is not listed");
            }
            if (reached.Add(key))
            {
                foreach (string next in library.DependsOn)
                {
                    pending.Push(next);
                }
            }
        }
        if (reached.Count != keys.Count)
        {
            throw new InvalidOperationException("a library is not reachable from the app");
        }
        if (deps.Libraries.Any(l => !l.Purl.StartsWith("pkg:nuget/", StringComparison.Ordinal) || l.Sha512 is { Length: not 128 }))
        {
            throw new InvalidOperationException("a purl or a hash is malformed");
        }
        var packages = new List<JsonObject>();
        SpdxNuGet.Add("SPDXRef-Package-app", deps, new Dictionary<string, string> { ["/app/App.deps.json"] = "SPDXRef-File-1" },
            p => { packages.Add(p); return true; }, []);
        CycloneDxNuGet.Add("pkg:apk/x/app@1", deps, [], [], []);
    }
}
