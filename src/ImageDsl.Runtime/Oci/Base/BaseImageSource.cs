using ImageDsl.Errors;

namespace ImageDsl.Oci.Base;

/// <summary>
/// Checks what `contents.baseimage.image` names before anything is read: an OCI layout folder (as
/// apko) is supported; anything else (a registry reference, which belongs in `ref`, an archive, a
/// missing folder) is a configuration error with advice, never silently ignored.
/// </summary>
public static class BaseImageSource
{
    /// <summary>The full path of the layout folder <paramref name="image"/> names.</summary>
    /// <exception cref="ImageDslException">Exit 2 when it is not an OCI layout folder.</exception>
    public static string ResolveLayout(string image)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Contains('\0'))
        {
            throw Unsupported(image, "is empty or not a path");
        }
        string full = Path.GetFullPath(image);
        if (Directory.Exists(full))
        {
            if (!File.Exists(Path.Combine(full, "oci-layout")) || !File.Exists(Path.Combine(full, "index.json")))
            {
                throw new ImageDslException(ErrorKind.Configuration,
                    $"contents.baseimage.image '{image}' is a folder but not an OCI image layout (it needs oci-layout and index.json)",
                    "Point it at a folder an image was built into, e.g. `mkdir base-layout && dotnet image build base.yaml base:latest base-layout`, or `skopeo copy docker://REF oci:DIR:latest`.");
            }
            return full;
        }
        if (File.Exists(full))
        {
            throw Unsupported(image, "is a file; image archives are not read as base images");
        }
        // `ref` takes references as `publish` does, without a transport prefix such as skopeo's docker://.
        string reference = image.StartsWith("docker://", StringComparison.Ordinal) ? image["docker://".Length..] : image;
        return LooksLikeRegistryReference(image)
            ? throw new ImageDslException(ErrorKind.Configuration,
                $"contents.baseimage.image '{image}' looks like a registry reference, but `image` is an OCI layout folder (as in apko)",
                $"To pull it from the registry, write `ref: {reference}` instead of `image:` (C#: [BaseImage(Reference = \"{reference}\")]); or copy it into a layout folder (`skopeo copy docker://REF oci:base-layout:latest`) and give that folder.")
            : throw Unsupported(image, "does not exist");
    }

    private static bool LooksLikeRegistryReference(string image) =>
        image.Contains('@') || image.Contains("://", StringComparison.Ordinal)
        || (!image.StartsWith('.') && !image.StartsWith('/') && (image.Contains(':') || image.Split('/')[0].Contains('.')));

    private static ImageDslException Unsupported(string image, string problem) =>
        new(ErrorKind.Configuration, $"contents.baseimage.image '{image}' {problem}",
            "Copy the base image into an OCI layout folder first (`skopeo copy docker://REF oci:base-layout:latest`) and give that folder.");
}
