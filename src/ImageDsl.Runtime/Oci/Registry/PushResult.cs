using System.Text;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>What <see cref="LayoutPusher"/> published.</summary>
/// <param name="Digest">The digest of the pushed index (or single manifest) that every tag points to.</param>
/// <param name="MediaType">Its media type.</param>
/// <param name="Reference"><c>&lt;first tag's repository&gt;@&lt;digest&gt;</c>, what apko prints.</param>
/// <param name="ManifestReferences">The per-platform manifests, by digest in the first tag's repository.</param>
/// <param name="Tags">The tags written, in order.</param>
/// <param name="Counters">What was uploaded, mounted, skipped and retried.</param>
public sealed record PushResult(
    string Digest,
    string MediaType,
    ImageReference Reference,
    IReadOnlyList<ImageReference> ManifestReferences,
    IReadOnlyList<ImageReference> Tags,
    PushCounters Counters)
{
    /// <summary>
    /// The <c>--image-refs</c> file content, as apko writes it: each per-platform digest reference,
    /// then the index reference, one per line.
    /// </summary>
    public string ImageRefs
    {
        get
        {
            var text = new StringBuilder();
            foreach (ImageReference manifest in ManifestReferences)
            {
                text.Append(manifest).Append('\n');
            }
            return text.Append(Reference).Append('\n').ToString();
        }
    }

    /// <summary>Writes <see cref="ImageRefs"/> to <paramref name="path"/> (temp file, then rename).</summary>
    public async Task WriteImageRefsAsync(string path, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, ImageRefs, cancellationToken);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write the image refs to {path}: {error.Message}", "Check that the directory exists and is writable.");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
