using ImageDsl.Oci;
using ImageDsl.Sbom;

namespace ImageDsl.Build;

/// <summary>A finished build: its blobs in a temporary store, ready to be written out or pushed.</summary>
public sealed class BuiltImage : IDisposable
{
    private readonly IDisposable _spill;

    internal BuiltImage(string temporaryDirectory, BlobStore store, OciImageIndex index, IReadOnlyList<SbomImage> sbomImages, DateTimeOffset created, IDisposable spill)
    {
        _spill = spill;
        TemporaryDirectory = temporaryDirectory;
        Store = store;
        Index = index;
        SbomImages = sbomImages;
        Created = created;
    }

    /// <summary>The build's temporary folder (removed on dispose).</summary>
    public string TemporaryDirectory { get; }

    /// <summary>Every blob of the image.</summary>
    public BlobStore Store { get; }

    /// <summary>The image index over all architectures.</summary>
    public OciImageIndex Index { get; }

    /// <summary>What the SBOMs describe, per architecture.</summary>
    public IReadOnlyList<SbomImage> SbomImages { get; }

    /// <summary>The image date.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>The index digest, `sha256:...`.</summary>
    public string Digest => Index.Index.Digest;

    /// <inheritdoc />
    public void Dispose()
    {
        _spill.Dispose();
        try
        {
            Directory.Delete(TemporaryDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
