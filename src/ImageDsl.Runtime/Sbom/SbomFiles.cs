using ImageDsl.Oci;

namespace ImageDsl.Sbom;

/// <summary>Where every SBOM format puts its documents: one per architecture and one for the index.</summary>
internal static class SbomFiles
{
    /// <summary>
    /// Writes `sbom-&lt;apk arch&gt;.&lt;extension&gt;` for each image (in architecture order) and
    /// `sbom-index.&lt;extension&gt;`, each atomically, into <paramref name="directory"/>; returns their paths.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, string extension, IReadOnlyList<SbomImage> images,
        Func<SbomImage, byte[]> imageDocument, Func<byte[]> indexDocument)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (SbomImage image in images.OrderBy(i => i.Image.Architecture))
        {
            written.Add(WriteOne(Path.Combine(directory, $"sbom-{image.Image.Architecture.ApkName}.{extension}"), imageDocument(image)));
        }
        written.Add(WriteOne(Path.Combine(directory, $"sbom-index.{extension}"), indexDocument()));
        return written;
    }

    private static string WriteOne(string path, byte[] bytes)
    {
        AtomicOutput.WriteFile(path, s => s.Write(bytes));
        return path;
    }
}
