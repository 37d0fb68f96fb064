using System.Formats.Tar;
using System.IO.Compression;
using ImageDsl.Build;

namespace ImageDsl.Tests.Hostile;

/// <summary>Reads the layers of a built image back with System.Formats.Tar and checks that no entry could escape an extraction root.</summary>
internal static class LayerInspector
{
    public static List<(string Name, TarEntryType Type, string LinkName)> Entries(BuiltImage image)
    {
        var entries = new List<(string, TarEntryType, string)>();
        foreach (var layer in image.Index.Images.SelectMany(i => i.Layers))
        {
            using var gzip = new GZipStream(image.Store.OpenRead(layer.Digest), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                entries.Add((entry.Name, entry.EntryType, entry.LinkName));
            }
        }
        return entries;
    }

    /// <summary>
    /// Problems a tar extractor could be tricked by: absolute or `..` names, hard links to such names,
    /// and entries below a path that the same layers make a symlink (extracting them writes through it).
    /// </summary>
    public static List<string> Escapes(BuiltImage image)
    {
        var entries = Entries(image);
        var symlinks = entries.Where(e => e.Type == TarEntryType.SymbolicLink).Select(e => Trim(e.Name)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, type, link) in entries)
        {
            string path = Trim(name);
            if (Unsafe(name))
            {
                problems.Add($"unsafe name '{name}'");
            }
            if (type == TarEntryType.HardLink && Unsafe(link))
            {
                problems.Add($"hard link '{name}' to unsafe '{link}'");
            }
            string[] parts = path.Split('/');
            for (int i = 1; i < parts.Length; i++)
            {
                string parent = string.Join('/', parts[..i]);
                if (symlinks.Contains(parent))
                {
                    problems.Add($"'{name}' lies below the symlink '{parent}'");
                }
            }
        }
        return problems;
    }

    /// <summary>Extracts every layer with GNU tar into <paramref name="root"/> (as a user unpacking the image would; device nodes skipped).</summary>
    public static void ExtractWithTar(BuiltImage image, string root)
    {
        string tar = RequiredTool.Find("tar", "tar");
        Directory.CreateDirectory(root);
        foreach (var layer in image.Index.Images.SelectMany(i => i.Layers))
        {
            ProcessResult result = ProcessRunner.Run(tar, ["-xzf", image.Store.PathFor(layer.Digest), "-C", root, "--no-same-owner", "--exclude=dev/*"]);
            Assert.True(result.ExitCode == 0, $"tar could not extract layer {layer.Digest}: {result}");
        }
    }

    private static string Trim(string name) => name.TrimEnd('/').StartsWith("./", StringComparison.Ordinal) ? name.TrimEnd('/')[2..] : name.TrimEnd('/');

    private static bool Unsafe(string name) =>
        name.StartsWith('/') || name.Contains('\0') || name.Split('/').Any(part => part == "..");
}
