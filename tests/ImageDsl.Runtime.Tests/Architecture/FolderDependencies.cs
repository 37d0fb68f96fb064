using System.Text.RegularExpressions;

namespace ImageDsl.Tests.FolderGraph;

/// <summary>
/// Reads the Runtime's C# sources as text and lists every reference from a folder to a later
/// pipeline stage: a `using ImageDsl.X`, or a qualified `ImageDsl.X.Name`, where X's stage is later
/// than the folder's. Text is enough because namespaces follow the top-level folders (checked too).
/// </summary>
internal static partial class FolderDependencies
{
    /// <summary>One backward edge: the file, its line, and the later stage it names.</summary>
    public sealed record Violation(string File, int Line, string Folder, string Target)
    {
        public override string ToString() => $"{File}:{Line}: {Folder} uses ImageDsl.{Target}, a later stage";
    }

    /// <summary>Every reference to a later stage under <paramref name="runtimeSource"/>.</summary>
    public static List<Violation> Find(string runtimeSource)
    {
        var found = new List<Violation>();
        foreach (var (path, relative, folder) in SourceFiles(runtimeSource))
        {
            int stage = StageOf(folder, relative);
            string[] lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimStart();
                if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("///", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (Match match in Reference().Matches(line))
                {
                    string target = match.Groups[1].Value;
                    if (PipelineStages.Order.TryGetValue(target, out int targetStage) && targetStage > stage)
                    {
                        found.Add(new Violation(relative, i + 1, folder, target));
                    }
                }
            }
        }
        return found;
    }

    /// <summary>The namespaces a folder's files declare that do not start with `ImageDsl.&lt;folder&gt;`.</summary>
    public static List<string> MisplacedNamespaces(string runtimeSource)
    {
        var misplaced = new List<string>();
        foreach (var (path, relative, folder) in SourceFiles(runtimeSource))
        {
            foreach (Match match in Namespace().Matches(File.ReadAllText(path)))
            {
                string name = match.Groups[1].Value;
                if (name != "ImageDsl." + folder && !name.StartsWith("ImageDsl." + folder + ".", StringComparison.Ordinal))
                {
                    misplaced.Add($"{relative}: namespace {name}");
                }
            }
        }
        return misplaced;
    }

    /// <summary>Every C# file in a top-level folder (not the root's files, not build output), with that folder.</summary>
    private static IEnumerable<(string Path, string Relative, string Folder)> SourceFiles(string runtimeSource)
    {
        foreach (string path in Directory.EnumerateFiles(runtimeSource, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(runtimeSource, path).Replace('\\', '/');
            int slash = relative.IndexOf('/');
            if (slash >= 0 && !relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                yield return (path, relative, relative[..slash]);
            }
        }
    }

    private static int StageOf(string folder, string relative) =>
        PipelineStages.Order.TryGetValue(folder, out int stage)
            ? stage
            : throw new InvalidOperationException($"{relative}: the folder {folder} has no pipeline stage; add it to PipelineStages");

    [GeneratedRegex(@"\bImageDsl\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^namespace\s+([A-Za-z.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
