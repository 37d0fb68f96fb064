using ImageDsl.Errors;
using ImageDsl.Oci;
using ImageDsl.Sbom;

namespace ImageDsl.Build;

/// <summary>Writes a built image where the user asked: an OCI layout folder, or one tar file.</summary>
public static class BuildOutputs
{
    /// <summary>
    /// An existing directory gets an OCI image layout; anything else a tar that is both `docker load`-able
    /// and a valid OCI archive. Written to a temporary name and renamed, so a failure leaves nothing behind.
    /// </summary>
    /// <returns>"layout" or "tar".</returns>
    public static string WriteImage(BuiltImage image, string output, string reference)
    {
        try
        {
            if (Directory.Exists(output))
            {
                OciLayoutWriter.Write(output, image.Store, image.Index, LayoutIndex.SplitReference(reference).Tag);
                return "layout";
            }
            string? parent = Path.GetDirectoryName(Path.GetFullPath(output));
            if (parent is not null && !Directory.Exists(parent))
            {
                throw new ImageDslException(ErrorKind.Output, $"cannot write {output}: the folder {parent} does not exist",
                    "Create the folder first, or give an existing directory to get an OCI layout.");
            }
            ImageTarWriter.Write(output, image.Store, image.Index, reference);
            return "tar";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write {output}: {e.Message}",
                "Check that the path is writable and the disk has room; nothing was left behind.", e);
        }
    }

    /// <summary>
    /// Writes the SBOMs of every format asked for into <paramref name="directory"/>: SPDX as
    /// `sbom-&lt;arch&gt;.spdx.json` per architecture and `sbom-index.spdx.json`, CycloneDX as `….cdx.json`.
    /// </summary>
    public static IReadOnlyList<string> WriteSboms(BuiltImage image, string directory, string reference, string? vcsUrl,
        IReadOnlyList<SbomFormat>? formats = null)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var options = new SbomOptions
            {
                Created = image.Created,
                ImageName = SpdxWriter.PurlName(reference),
                VcsUrl = vcsUrl,
            };
            var written = new List<string>();
            foreach (SbomFormat format in formats ?? SbomFormats.Default)
            {
                written.AddRange(format == SbomFormat.CycloneDx
                    ? CycloneDxWriter.Write(directory, image.Index, image.SbomImages, options)
                    : SpdxWriter.Write(directory, image.Index, image.SbomImages, options));
            }
            return written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write SBOMs to {directory}: {e.Message}",
                "Give a writable --sbom-path, or --sbom=false.", e);
        }
    }

    /// <summary>
    /// `build-minirootfs`: the single layer of a one-architecture build as a root filesystem tarball,
    /// gzip-compressed when the name ends in `.gz` (apko currently writes it uncompressed regardless).
    /// </summary>
    public static void WriteRootfs(BuiltImage image, string output)
    {
        OciImage only = image.Index.Images.Single();
        if (only.Layers.Count != 1)
        {
            throw new ImageDslException(ErrorKind.Configuration, "build-minirootfs makes one layer; the configuration asks for layering",
                "Remove `layering:` from the configuration for a minirootfs.");
        }
        string digest = only.Layers[0].Digest;
        bool gzip = output.EndsWith(".gz", StringComparison.Ordinal) || output.EndsWith(".tgz", StringComparison.Ordinal);
        try
        {
            AtomicOutput.WriteFile(output, target =>
            {
                using Stream blob = image.Store.OpenRead(digest);
                using Stream source = gzip ? blob : new System.IO.Compression.GZipStream(blob, System.IO.Compression.CompressionMode.Decompress);
                source.CopyTo(target);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write {output}: {e.Message}", "Check that the path is writable.", e);
        }
    }

    /// <summary>
    /// `build-cpio`: one architecture's filesystem as a newc cpio (an initramfs), every layer merged in
    /// order. Written to a temporary name and renamed, so a failure leaves nothing behind.
    /// </summary>
    public static void WriteCpio(BuiltImage image, string output, CancellationToken cancellationToken = default)
    {
        OciImage only = image.Index.Images.Single();
        try
        {
            AtomicOutput.WriteFile(output, target => LayerCpio.Write(image.Store, only.Layers, target, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDslException(ErrorKind.Output, $"cannot write {output}: {e.Message}", "Check that the path is writable.", e);
        }
    }
}
